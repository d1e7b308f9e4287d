using System;
using System.Linq;
using NormGuard.Generators.Binding;
using NormGuard.Internal;
using NormGuard.Manifests;

namespace NormGuard.Tool.Verification;

/// <summary>
/// A vector (embedding) feature as the generated code runs it: the plan comes from the generator's own binder
/// (<see cref="VectorBinder"/>, linked into the tool: which kernel each step becomes and the float32/float64 parameters
/// it bakes in), and each op calls the same <see cref="VectorKernels"/> method with the same arguments, in manifest
/// order. The generated code routes the values through its input, output and scratch spans; every kernel gives the
/// same bits in place as out of place (docs/vector-arithmetic.md), so one working array per row reproduces it.
/// </summary>
internal sealed class VectorProgram
{
    private readonly VectorPlan _plan;

    public VectorProgram(FeatureManifest feature, Manifest manifest)
    {
        EmbeddingSpaceDeclaration declared = feature.Space ?? throw new ArgumentException($"feature '{feature.Name}' is not a vector feature", nameof(feature));
        string profile = Manifest.ProfileName(manifest.Profile);
        string dtype = ManifestJson.DTypeName(manifest.DType);
        StepData[] steps = feature.Steps.Select(ManifestJson.ToStepData).ToArray();
        var space = new SpaceData(declared.Name, declared.Model, declared.Revision, declared.NativeDimension, declared.Dimension, default);
        space = EmbeddingSpaceIdentity.WithIdentity(space, dtype, profile, steps);
        var data = new FeatureData(feature.Name, new EquatableArray<StepData>(steps), default) { Space = space };
        var manifestData = new ManifestData(manifest.FeatureSet, manifest.Version, profile, dtype, new EquatableArray<FeatureData>([data]));
        _plan = VectorBinder.Plan(data, manifestData);
        if (_plan.Dimension != declared.Dimension)
        {
            // The reader refuses this (NG0002); a manifest built in code could still carry it.
            throw new CliException($"feature '{feature.Name}': its steps produce {_plan.Dimension} values, but its space declares dimension {declared.Dimension} (NG0002)");
        }
    }

    public string Space => _plan.Space;

    public int NativeDimension => _plan.NativeDimension;

    public int Dimension => _plan.Dimension;

    /// <summary>The steps on <paramref name="input"/> (native dimension) into <paramref name="output"/> (dimension).</summary>
    public void Run(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != NativeDimension || output.Length != Dimension)
        {
            throw new ArgumentException($"expected {NativeDimension} values in and {Dimension} out, found {input.Length} and {output.Length}");
        }

        float[] values = input.ToArray();
        int length = NativeDimension;
        foreach (VectorOp op in _plan.Ops)
        {
            Span<float> current = values.AsSpan(0, length);
            switch (op.Kind)
            {
                case VectorOpKind.Truncate:
                    // No kernel: the next step reads the first k values, as the generated code slices them.
                    break;
                case VectorOpKind.L2:
                    VectorKernels.L2Normalize(current, current);
                    break;
                case VectorOpKind.L2Epsilon:
                    VectorKernels.L2Normalize(current, current, op.Epsilon);
                    break;
                case VectorOpKind.Subtract:
                    VectorKernels.Subtract(current, op.Offsets.AsSpan(), current);
                    break;
                case VectorOpKind.SubtractMultiply:
                    VectorKernels.SubtractMultiply(current, op.Offsets.AsSpan(), op.Scales.AsSpan(), current);
                    break;
                case VectorOpKind.SubtractSklearn:
                    VectorKernels.SubtractSklearn(current, op.Means.AsSpan(), current);
                    break;
                case VectorOpKind.SubtractDivideSklearn:
                    VectorKernels.SubtractDivideSklearn(current, op.Means.AsSpan(), op.Divisors.AsSpan(), current);
                    break;
                case VectorOpKind.Pca:
                    var projected = new float[op.OutputLength];
                    VectorKernels.PcaProject(current, op.Offsets.AsSpan(), op.Components.AsSpan(), op.WhitenDivisors.AsSpan(), projected);
                    values = projected;
                    break;
                default:
                    throw new NotSupportedException($"vector op {op.Kind} has no interpretation");
            }

            length = op.OutputLength;
        }

        values.AsSpan(0, Dimension).CopyTo(output);
    }
}

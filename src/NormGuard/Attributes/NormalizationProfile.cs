namespace NormGuard;

/// <summary>Whose arithmetic the fitted parameters follow, so that serving reproduces training bit for bit.</summary>
public enum NormalizationProfile
{
    /// <summary>NormGuard's own float32 arithmetic: the fastest, SIMD at memory speed.</summary>
    NormGuard,

    /// <summary>scikit-learn's transformers (<c>StandardScaler</c>, <c>MinMaxScaler</c>, …) in the manifest's dtype.</summary>
    ScikitLearn,

    /// <summary>ONNX <c>ai.onnx.ml.Scaler</c> float32 arithmetic, as skl2onnx emits it.</summary>
    Onnx,

    /// <summary>ML.NET's affine normalizers (float32).</summary>
    MLNet,

    /// <summary>Spark ML scaler models (float64, sample standard deviation).</summary>
    Spark,
}

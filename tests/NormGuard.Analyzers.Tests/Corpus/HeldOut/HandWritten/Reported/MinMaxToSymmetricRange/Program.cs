// category: affine-range
// Verdict: reported. The manifest scales loudness from -60..0 dB and the spectral centroid from 200..8000 Hz to [-1, 1].
// The streaming classifier writes it out: 2·(x + 60)/60 − 1 and (x − 200)/7800·2 − 1, min-max to a symmetric range by
// hand, feeding the genre model.
using System;
using NormGuard;

namespace Audio.Genres;

[FeatureSet("audio-frames")]
public partial record struct AudioFrame
{
    [MinMax(-1, 1)] public float Loudness { get; init; }
    [MinMax(-1, 1)] public float SpectralCentroid { get; init; }
}

public static class FrameEncoder
{
    public static void Encode(in AudioFrame f, Span<float> x)
    {
        x[0] = {|NG0012:(2f * (f.Loudness + 60f) / 60f) - 1f|};
        x[1] = {|NG0012:((f.SpectralCentroid - 200f) / 7800f * 2f) - 1f|};
    }
}

public static class Program
{
    public static void Main()
    {
        Span<float> x = stackalloc float[2];
        FrameEncoder.Encode(new AudioFrame { Loudness = -14f, SpectralCentroid = 2300f }, x);
        Console.WriteLine($"genre-model input {x[0]:0.000}, {x[1]:0.000}");
    }
}

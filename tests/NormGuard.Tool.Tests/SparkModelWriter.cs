using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Parquet.Schema;
using Parquet.Serialization;

namespace NormGuard.Tool.Tests;

/// <summary>
/// Writes saved Spark ML model directories for the import tests. No Spark runs here, so the layout is SYNTHESIZED to be
/// what Spark 3.x writes, after its source:
/// <list type="bullet">
/// <item><c>metadata/part-00000</c>: one JSON line from <c>DefaultParamsWriter.getMetadataToSave</c> —
/// {"class", "timestamp", "sparkVersion", "uid", "paramMap" (params the user set), "defaultParamMap" (Spark ≥ 2.4)} —
/// written with <c>sc.parallelize(Seq(json), 1).saveAsTextFile</c>, hence the <c>_SUCCESS</c> marker and Hadoop's
/// <c>.part-00000.crc</c> beside it.</item>
/// <item><c>data/part-00000-&lt;uuid&gt;-c000.snappy.parquet</c>: the model's <c>Data</c> case class, one row, written with
/// <c>sparkSession.createDataFrame(Seq(data)).repartition(1).write.parquet</c> (StandardScalerModel Data(std, mean),
/// MinMaxScalerModel Data(originalMin, originalMax), MaxAbsScalerModel Data(maxAbs), RobustScalerModel Data(range,
/// median)); each ml.linalg Vector in <c>VectorUDT.sqlType</c>'s encoding: a nullable struct {type: byte not null (0 sparse,
/// 1 dense), size: int, indices: array&lt;int not null&gt;, values: array&lt;double not null&gt;}, stored as Spark's
/// parquet writer stores it (3-level LIST groups named list/element, snappy) with Spark's row-metadata key.</item>
/// <item>A PipelineModel: metadata with paramMap.stageUids, and <c>stages/&lt;index&gt;_&lt;uid&gt;/</c> per stage
/// (<c>PipelineSharedWriter.saveImpl</c>).</item>
/// </list>
/// </summary>
internal static class SparkModelWriter
{
    public const string SparkVersion = "3.5.1";

    /// <summary>
    /// One release of each Spark 3 minor line, for the per-version fixtures. Between 3.0 and 3.5 the four scaler models'
    /// metadata (DefaultParamsWriter.getMetadataToSave, with defaultParamMap) and data (each model's Writer.saveImpl, the
    /// Data case class in VectorUDT's encoding) did not change; what differs is the recorded sparkVersion (sc.version)
    /// and the parquet-mr that wrote the data file (1.10.1 in Spark 3.0/3.1, 1.12.x in 3.2–3.4, 1.13.1 in 3.5).
    /// </summary>
    public static readonly string[] Spark3Versions = ["3.0.3", "3.1.3", "3.2.4", "3.3.4", "3.4.3", "3.5.1"];

    /// <summary>A vector as Spark stores it: dense values, or sparse (size, indices, values).</summary>
    public sealed record SparkVector(double[] Values, int? Size = null, int[]? Indices = null)
    {
        public static SparkVector Dense(params double[] values) => new(values);

        public static SparkVector Sparse(double[] dense) => new(
            dense.Where(v => v != 0).ToArray(),
            dense.Length,
            dense.Select((v, i) => (v, i)).Where(p => p.v != 0).Select(p => p.i).ToArray());
    }

    public static string Write(string directory, string simpleClass, string uid, IDictionary<string, object> paramMap, IDictionary<string, object> defaultParamMap, params (string Column, SparkVector Vector)[] data) =>
        WriteVersion(SparkVersion, directory, simpleClass, uid, paramMap, defaultParamMap, data);

    /// <summary>A model directory as Spark <paramref name="sparkVersion"/> saves it.</summary>
    public static string WriteVersion(string sparkVersion, string directory, string simpleClass, string uid, IDictionary<string, object> paramMap, IDictionary<string, object> defaultParamMap, params (string Column, SparkVector Vector)[] data)
    {
        WriteMetadata(directory, "org.apache.spark.ml.feature." + simpleClass, uid, paramMap, defaultParamMap, sparkVersion);
        string dataDirectory = Path.Combine(directory, "data");
        Directory.CreateDirectory(dataDirectory);
        var schema = new ParquetSchema(data.Select(d => (Field)VectorField(d.Column)).ToArray());
        IDictionary<string, object?> row = new Dictionary<string, object?>();
        foreach ((string column, SparkVector vector) in data)
        {
            var value = new Dictionary<string, object?> { ["type"] = (sbyte)(vector.Size is null ? 1 : 0), ["size"] = vector.Size, ["values"] = vector.Values.ToList() };
            value["indices"] = vector.Indices?.ToList();
            row[column] = value;
        }

        string file = Path.Combine(dataDirectory, $"part-00000-{Guid.NewGuid()}-c000.snappy.parquet");
        var metadata = new Dictionary<string, string>
        {
            ["org.apache.spark.version"] = sparkVersion,
            ["org.apache.spark.sql.parquet.row.metadata"] = RowMetadata(data.Select(d => d.Column)),
        };
        using (FileStream stream = File.Create(file))
        {
            ParquetSerializer.SerializeUntypedAsync([row], schema, stream, customMetadata: metadata).GetAwaiter().GetResult();
        }

        File.WriteAllBytes(Path.Combine(dataDirectory, "." + Path.GetFileName(file) + ".crc"), Crc(File.ReadAllBytes(file)));
        File.WriteAllText(Path.Combine(dataDirectory, "_SUCCESS"), string.Empty);
        return directory;
    }

    /// <summary>
    /// A PipelineModel directory whose stages are written by <paramref name="stages"/>, as Scala's writer saves it
    /// (Pipeline.scala, SharedReadWrite.saveImpl and getStagePath: stage directories "%0<digits of the stage count>d_uid").
    /// </summary>
    public static string WritePipeline(string directory, params (string Uid, Action<string> Write)[] stages) =>
        WritePipelineVersion(SparkVersion, directory, stages);

    public static string WritePipelineVersion(string sparkVersion, string directory, params (string Uid, Action<string> Write)[] stages)
    {
        WriteMetadata(directory, "org.apache.spark.ml.PipelineModel", "PipelineModel_" + Uid(directory), new Dictionary<string, object> { ["stageUids"] = stages.Select(s => s.Uid).ToArray() }, new Dictionary<string, object>(), sparkVersion);
        int digits = stages.Length.ToString(CultureInfo.InvariantCulture).Length;
        for (int i = 0; i < stages.Length; i++)
        {
            stages[i].Write(Path.Combine(directory, "stages", i.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0') + "_" + stages[i].Uid));
        }

        return directory;
    }

    /// <summary>
    /// A PipelineModel as PySpark's own writer saves it when a stage is Python-only (pyspark/ml/pipeline.py,
    /// PipelineSharedReadWrite.saveImpl and getStagePath): class <c>pyspark.ml.pipeline.PipelineModel</c>, paramMap
    /// <c>{"stageUids": […], "language": "Python"}</c>, stage directories numbered with as many digits as the stage count has.
    /// </summary>
    public static string WritePythonPipeline(string directory, params (string Uid, Action<string> Write)[] stages) =>
        WritePythonPipelineVersion(SparkVersion, directory, stages);

    public static string WritePythonPipelineVersion(string sparkVersion, string directory, params (string Uid, Action<string> Write)[] stages)
    {
        WriteMetadata(directory, "pyspark.ml.pipeline.PipelineModel", "PipelineModel_" + Uid(directory),
            new Dictionary<string, object> { ["stageUids"] = stages.Select(s => s.Uid).ToArray(), ["language"] = "Python" }, new Dictionary<string, object>(), sparkVersion);
        int digits = stages.Length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        for (int i = 0; i < stages.Length; i++)
        {
            stages[i].Write(Path.Combine(directory, "stages", i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0') + "_" + stages[i].Uid));
        }

        return directory;
    }

    public static void WriteMetadata(string directory, string className, string uid, IDictionary<string, object> paramMap, IDictionary<string, object> defaultParamMap, string sparkVersion = SparkVersion)
    {
        string metadataDirectory = Path.Combine(directory, "metadata");
        Directory.CreateDirectory(metadataDirectory);
        var json = new Dictionary<string, object>
        {
            ["class"] = className,
            ["timestamp"] = 1764115200000L,
            ["sparkVersion"] = sparkVersion,
            ["uid"] = uid,
            ["paramMap"] = paramMap,
            ["defaultParamMap"] = defaultParamMap,
        };
        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(json, Json4s) + "\n");
        File.WriteAllBytes(Path.Combine(metadataDirectory, "part-00000"), line);
        File.WriteAllBytes(Path.Combine(metadataDirectory, ".part-00000.crc"), Crc(line));
        File.WriteAllText(Path.Combine(metadataDirectory, "_SUCCESS"), string.Empty);
    }

    // DefaultParamsWriter renders with json4s (compact(render(...))), which writes a double param as "0.0" / "0.25"
    // (DoubleParam.jsonEncode), never as "0".
    private static readonly JsonSerializerOptions Json4s = new() { Converters = { new Json4sDouble() } };

    private sealed class Json4sDouble : System.Text.Json.Serialization.JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            writer.WriteRawValue(text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0");
        }
    }

    public static string Uid(string seed) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..12];

    private static StructField VectorField(string name) => new(name,
        new DataField<sbyte>("type", false),
        new DataField<int?>("size"),
        new ListField("indices", new DataField<int>("element", false)),
        new ListField("values", new DataField<double>("element", false)));

    // Spark's StructType.json of the Data case class, with VectorUDT as Spark writes it
    private static string RowMetadata(IEnumerable<string> columns) =>
        "{\"type\":\"struct\",\"fields\":[" + string.Join(",", columns.Select(c =>
            "{\"name\":\"" + c + "\",\"type\":{\"type\":\"udt\",\"class\":\"org.apache.spark.ml.linalg.VectorUDT\",\"pyClass\":\"pyspark.ml.linalg.VectorUDT\",\"sqlType\":{\"type\":\"struct\",\"fields\":[" +
            "{\"name\":\"type\",\"type\":\"byte\",\"nullable\":false,\"metadata\":{}}," +
            "{\"name\":\"size\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}}," +
            "{\"name\":\"indices\",\"type\":{\"type\":\"array\",\"elementType\":\"integer\",\"containsNull\":false},\"nullable\":true,\"metadata\":{}}," +
            "{\"name\":\"values\",\"type\":{\"type\":\"array\",\"elementType\":\"double\",\"containsNull\":false},\"nullable\":true,\"metadata\":{}}]}},\"nullable\":true,\"metadata\":{}}")) + "]}";

    // Hadoop ChecksumFileSystem's .crc: "crc\0", bytes-per-checksum (512), then a CRC-32 per 512-byte chunk (big-endian)
    private static byte[] Crc(byte[] content)
    {
        var crc = new List<byte>(Encoding.ASCII.GetBytes("crc\0")) { 0, 0, 2, 0 };
        for (int offset = 0; offset < content.Length || offset == 0; offset += 512)
        {
            uint value = Crc32(content.AsSpan(offset, Math.Min(512, content.Length - offset)));
            crc.AddRange([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
            if (content.Length == 0)
            {
                break;
            }
        }

        return crc.ToArray();
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xffffffffu;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}

using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/NormGuard.Benchmarks -- --filter '*'   (see docs/performance.md)
Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToArray();

// A failed case must fail the run (CI runs one case as a smoke test).
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;

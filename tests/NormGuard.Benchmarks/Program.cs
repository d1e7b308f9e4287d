using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/NormGuard.Benchmarks -- --filter '*'   (see docs/performance.md)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

using System.Threading;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// What NG0006 summarized, counted rather than timed (a count is the same on a busy machine as on an idle one): tests
    /// require the bodies it summarizes to follow the code that touches data, not the size of the rest of the project.
    /// Only an analyzer built for a test counts; the shipped one has none.
    /// </summary>
    internal sealed class LeakageWork
    {
        private long _summarizedNow;
        private long _deferred;
        private long _summarizedAtEnd;

        /// <summary>Bodies that fit, split, take views or build estimator chains themselves: summarized as they are analyzed.</summary>
        public long SummarizedNow => Interlocked.Read(ref _summarizedNow);

        /// <summary>Bodies that only call methods of the compilation: left for the compilation-end pass.</summary>
        public long Deferred => Interlocked.Read(ref _deferred);

        /// <summary>Deferred bodies summarized at compilation end, because a method they call touches data.</summary>
        public long SummarizedAtEnd => Interlocked.Read(ref _summarizedAtEnd);

        public void Now() => Interlocked.Increment(ref _summarizedNow);

        public void Defer() => Interlocked.Increment(ref _deferred);

        public void AtEnd() => Interlocked.Increment(ref _summarizedAtEnd);
    }
}

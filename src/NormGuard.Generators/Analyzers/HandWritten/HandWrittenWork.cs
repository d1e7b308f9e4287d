using System.Threading;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>
    /// What NG0012 did beyond its per-reference filter, counted rather than timed (a count is the same on a busy machine
    /// as on an idle one): tests require it to follow feature arithmetic only, whatever the size of the rest of the code.
    /// Only an analyzer built for a test counts; the shipped one has none.
    /// </summary>
    internal sealed class HandWrittenWork
    {
        private long _membersBound;
        private long _referencesFollowed;
        private long _operationsIndexed;
        private long _initializersRead;
        private long _flowsFollowed;

        /// <summary>Distinct members found to be bound features with parameters.</summary>
        public long MembersBound => Interlocked.Read(ref _membersBound);

        /// <summary>References to such members, each followed outwards.</summary>
        public long ReferencesFollowed => Interlocked.Read(ref _referencesFollowed);

        /// <summary>Operations visited to index the locals of a body (once per body that needed it).</summary>
        public long OperationsIndexed => Interlocked.Read(ref _operationsIndexed);

        /// <summary>Initializers of readonly fields, properties and helper methods read (once per symbol).</summary>
        public long InitializersRead => Interlocked.Read(ref _initializersRead);

        /// <summary>Results followed to see whether they reach model input.</summary>
        public long FlowsFollowed => Interlocked.Read(ref _flowsFollowed);

        public void MemberBound() => Interlocked.Increment(ref _membersBound);

        public void ReferenceFollowed() => Interlocked.Increment(ref _referencesFollowed);

        public void Indexed(int operations) => Interlocked.Add(ref _operationsIndexed, operations);

        public void InitializerRead() => Interlocked.Increment(ref _initializersRead);

        public void FlowFollowed() => Interlocked.Increment(ref _flowsFollowed);
    }
}

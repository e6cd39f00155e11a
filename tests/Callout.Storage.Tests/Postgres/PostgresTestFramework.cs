using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

// Installed for the whole assembly, but it changes discovery only for classes that need a server
// (INeedPostgres) and only when CALLOUT_TEST_PG is not set; everything else is xunit's own.
[assembly: TestFramework("Callout.Storage.Tests.Postgres.PostgresTestFramework", "Callout.Storage.Tests")]

namespace Callout.Storage.Tests.Postgres;

/// A test class whose tests need the PostgreSQL server named by CALLOUT_TEST_PG.
public interface INeedPostgres;

/// How the Postgres tests skip when there is no server.
///
/// The compliance suites' [Fact]s are inherited from StoreCompliance, which the Postgres subclasses
/// may not change, and xunit 2 has no dynamic skip (Assert.Skip is xunit 3; Xunit.SkippableFact
/// needs its own attribute on every test). So this framework decides at discovery: when
/// CALLOUT_TEST_PG is not set, every test of an INeedPostgres class is reported as skipped, with
/// the reason saying how to get a server. A developer without PostgreSQL sees
/// "Skipped: N", each named with the variable it lacks, rather than failures; CI (.ci/run) always sets the variable, so there a
/// missing or unreachable server fails the tests loudly instead of skipping them.
public sealed class PostgresTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(
            ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (PostgresTestDatabase.ConnectionString is not null
                || !typeof(INeedPostgres).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType()))
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }
            if (!testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any())
            {
                return true;
            }
            var skipped = new SkippedTestCase(
                DiagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                PostgresTestDatabase.MissingReason);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }

    /// A skipped test whose name says why, since the console shows skip reasons only when verbose.
    sealed class SkippedTestCase : XunitSkippedDataRowTestCase
    {
        [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
        public SkippedTestCase()
        {
        }

        public SkippedTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay methodDisplay, TestMethodDisplayOptions methodDisplayOptions,
            ITestMethod testMethod, string skipReason)
            : base(diagnosticMessageSink, methodDisplay, methodDisplayOptions, testMethod, skipReason)
        {
        }

        protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) =>
            base.GetDisplayName(factAttribute, displayName) + " [needs " + PostgresTestDatabase.Variable + "]";
    }
}

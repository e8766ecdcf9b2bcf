global using System.Net;
global using RecoveryLedger.Tests.Support;
[assembly: CollectionBehavior(DisableTestParallelization = true)]

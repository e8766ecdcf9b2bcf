using System.Text.Json;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http;
using RecoveryLedger.Api.Hosting;

namespace RecoveryLedger.Tests.Skeleton;

/// <summary>The one mapping from failures to answers: a race is a 409, never a 500.</summary>
public sealed class exceptions_become_statuses
{
    [Fact]
    public void races_are_409() =>
        new Exception[]
        {
            new ConcurrencyException("stream changed"),
            new ExistingStreamIdCollisionException(Guid.NewGuid(), typeof(object)),
            new StreamLockedException(Guid.NewGuid(), new Exception("lock")),
            // PostgreSQL's deadlock victim and serialisation failure, as Marten wraps them.
            new InvalidOperationException("wrapped", new Npgsql.PostgresException("deadlock detected", "ERROR", "ERROR", "40P01")),
            new Npgsql.PostgresException("could not serialize access", "ERROR", "ERROR", "40001"),
            new Npgsql.PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"),
        }.Select(e => ExceptionProblems.Classify(e).Status).ShouldAllBe(s => s == StatusCodes.Status409Conflict);

    [Fact]
    public void oversized_and_unreadable_bodies_are_413_and_400()
    {
        ExceptionProblems.Classify(new BadHttpRequestException("big", StatusCodes.Status413PayloadTooLarge)).Status.ShouldBe(413);
        ExceptionProblems.Classify(new JsonException("bad")).Status.ShouldBe(400);
    }

    [Fact]
    public void anything_else_is_a_500_that_says_nothing_of_it()
    {
        var (status, detail) = ExceptionProblems.Classify(new InvalidOperationException("secret internals"));
        status.ShouldBe(500);
        detail.ShouldNotContain("secret");
    }
}

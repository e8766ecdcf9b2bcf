using Spectre.Console;

namespace RecoveryLedger.Api.Hosting.CommandLine;

/// <summary>
/// Progress of a command-line job: a Spectre.Console progress bar on a terminal, plain lines when the
/// output is redirected (CI logs, files), so both read well.
/// </summary>
public static class JobProgress
{
    public static async Task Run(string title, int steps, Func<Action<string>, Task> work, TextWriter? plain = null)
    {
        if (plain is null && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: steps);
                await work(step =>
                {
                    task.Description = $"{title}: {step}";
                    task.Increment(1);
                });
            });
            return;
        }
        var output = plain ?? Console.Out;
        var done = 0;
        await work(step => output.WriteLine($"[{++done}/{steps}] {title}: {step}"));
    }
}

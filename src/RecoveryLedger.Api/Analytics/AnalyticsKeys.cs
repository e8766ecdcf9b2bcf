using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoveryLedger.Api.Analytics;

/// <summary>A dictionary key of an analytics document, stored as one JSON property name.</summary>
public interface IAnalyticsKey<TSelf> where TSelf : IAnalyticsKey<TSelf>
{
    string Format();
    static abstract TSelf Parse(string text);
}

/// <summary>Urges of one UTC day, trigger and client-local hour (stored as <c>yyyy-MM-dd|trigger|hour</c>).</summary>
[JsonConverter(typeof(AnalyticsKeyJson<TriggerHour>))]
public readonly record struct TriggerHour(DateOnly UtcDay, string Trigger, int Hour) : IAnalyticsKey<TriggerHour>
{
    public string Format() => $"{AnalyticsDay.Format(UtcDay)}|{Trigger}|{Hour}";

    public static TriggerHour Parse(string text)
    {
        var parts = text.Split('|');
        return new(AnalyticsDay.Parse(parts[0]), parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}

/// <summary>Coping outcomes of one UTC day and strategy (stored as <c>yyyy-MM-dd|strategy</c>).</summary>
[JsonConverter(typeof(AnalyticsKeyJson<StrategyDay>))]
public readonly record struct StrategyDay(DateOnly UtcDay, string Strategy) : IAnalyticsKey<StrategyDay>
{
    public string Format() => $"{AnalyticsDay.Format(UtcDay)}|{Strategy}";

    public static StrategyDay Parse(string text)
    {
        var parts = text.Split('|');
        return new(AnalyticsDay.Parse(parts[0]), parts[1]);
    }
}

public static class AnalyticsDay
{
    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);
    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Writes a typed key as the same string the documents have always held (no migration).</summary>
public sealed class AnalyticsKeyJson<T> : JsonConverter<T> where T : IAnalyticsKey<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => T.Parse(reader.GetString()!);
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Format());
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => T.Parse(reader.GetString()!);
    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.Format());
}

import { bandKey, BUCKET_MS, forecastKey, withForecast } from "./forecast-points";
import type { SeriesPoint } from "./series";

const DAY = BUCKET_MS.day;
const START = Date.UTC(2026, 8, 1);
const pattern = [0.1, 0.12, 0.13, 0.12, 0.11, 0.06, 0.05];

function daily(days: number, missing: Set<number> = new Set()): SeriesPoint[] {
  return Array.from({ length: days }, (_, i) => i)
    .filter((i) => !missing.has(i))
    .map((i) => ({ bucket: START + i * DAY, conversion: pattern[i % 7]!, conversion__n: 100 }));
}

describe("withForecast", () => {
  it("continues a weekly pattern after the last complete day, from where the line ends", () => {
    const points = daily(36);
    // The 36th day is still in progress: it is not fitted, and the forecast starts after day 35.
    const now = new Date(START + 35 * DAY + 3_600_000);
    const { points: out, forecasts } = withForecast(points, ["conversion"], "day", now);
    expect(forecasts.conversion?.method).toBe("holt-winters");
    const lastComplete = out.find((p) => p.bucket === START + 34 * DAY)!;
    expect(lastComplete[forecastKey("conversion")]).toBe(pattern[34 % 7]);
    const horizon = Math.round(35 / 5);
    const future = out.filter((p) => p.bucket > START + 34 * DAY);
    expect(future).toHaveLength(horizon);
    // The in-progress day keeps its measured value and gets the forecast beside it.
    expect(future[0]!.conversion).toBe(pattern[35 % 7]);
    future.forEach((p, i) => {
      const expected = pattern[(35 + i) % 7]!;
      expect(p[forecastKey("conversion")]).toBeCloseTo(expected, 2);
      const [lower, upper] = p[bandKey("conversion")] as unknown as [number, number];
      expect(lower).toBeLessThanOrEqual(upper);
    });
  });

  it("gives no forecast for a series with many gaps or too few points", () => {
    const gappy = daily(30, new Set([3, 4, 5, 9, 10, 11, 15, 16]));
    expect(
      withForecast(gappy, ["conversion"], "day", new Date(START + 40 * DAY)).forecasts,
    ).toEqual({});
    const short = daily(3);
    const result = withForecast(short, ["conversion"], "day", new Date(START + 10 * DAY));
    expect(result.forecasts).toEqual({});
    expect(result.points).toEqual(short);
  });
});

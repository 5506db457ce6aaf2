/**
 * Trend forecasts for a metric series: additive Holt-Winters (level, trend, seasonality) when the
 * series covers at least two seasons, Holt's linear trend otherwise. Smoothing parameters are
 * chosen by grid search on one-step-ahead squared error. The band is the usual normal
 * approximation: h-step variance σ²·(1 + Σⱼ₌₁^{h−1} cⱼ²) with cⱼ = α(1 + jβ) + γ·[j mod m = 0]
 * (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", §8.7 / table 8.8 for ETS(A,A,A)).
 */

export interface ForecastPoint {
  /** Steps after the last observation (1 = next bucket). */
  step: number;
  value: number;
  lower: number;
  upper: number;
}

export interface Forecast {
  method: "holt-winters" | "holt";
  /** Human-readable name for the chart legend. */
  label: string;
  seasonLength: number | null;
  alpha: number;
  beta: number;
  gamma: number;
  /** Residual standard deviation of the one-step-ahead fit. */
  sigma: number;
  points: ForecastPoint[];
}

export interface ForecastOptions {
  horizon: number;
  /** Buckets per season: 7 for daily data with weekly seasonality, 24 for hourly. */
  seasonLength?: number;
  /** Two-sided coverage of the band, 0.8 or 0.95. */
  level?: 0.8 | 0.95;
}

const Z = { 0.8: 1.2816, 0.95: 1.96 } as const;
const GRID = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];
const TREND_GRID = [0.01, 0.05, 0.1, 0.2, 0.4];

export const MIN_FORECAST_POINTS = 4;

/** Returns null when the series is too short to say anything (fewer than 4 points). */
export function forecastSeries(
  values: readonly number[],
  options: ForecastOptions,
): Forecast | null {
  if (values.length < MIN_FORECAST_POINTS || values.some((v) => !Number.isFinite(v))) return null;
  const m = options.seasonLength ?? 0;
  const seasonal = m >= 2 && values.length >= 2 * m;
  let best: Fit | null = null;
  for (const alpha of GRID) {
    for (const beta of TREND_GRID) {
      for (const gamma of seasonal ? GRID.slice(0, 4) : [0]) {
        const fit = seasonal
          ? holtWinters(values, m, alpha, beta, gamma)
          : holt(values, alpha, beta);
        if (!best || fit.sse < best.sse) best = fit;
      }
    }
  }
  const fit = best!;
  const z = Z[options.level ?? 0.95];
  const points: ForecastPoint[] = [];
  let cumulative = 0;
  for (let h = 1; h <= options.horizon; h++) {
    if (h > 1) {
      const j = h - 1;
      const c = fit.alpha * (1 + j * fit.beta) + (seasonal && j % m === 0 ? fit.gamma : 0);
      cumulative += c * c;
    }
    const value = fit.predict(h);
    const half = z * fit.sigma * Math.sqrt(1 + cumulative);
    points.push({ step: h, value, lower: value - half, upper: value + half });
  }
  return {
    method: seasonal ? "holt-winters" : "holt",
    label: seasonal
      ? `Holt-Winters forecast (season of ${m}), ${Math.round((options.level ?? 0.95) * 100)}% band`
      : `Holt linear-trend forecast, ${Math.round((options.level ?? 0.95) * 100)}% band`,
    seasonLength: seasonal ? m : null,
    alpha: fit.alpha,
    beta: fit.beta,
    gamma: fit.gamma,
    sigma: fit.sigma,
    points,
  };
}

interface Fit {
  alpha: number;
  beta: number;
  gamma: number;
  sse: number;
  sigma: number;
  predict: (h: number) => number;
}

function holt(values: readonly number[], alpha: number, beta: number): Fit {
  let level = values[0]!;
  let trend = values[1]! - values[0]!;
  let sse = 0;
  for (let t = 1; t < values.length; t++) {
    const error = values[t]! - (level + trend);
    sse += error * error;
    const previousLevel = level;
    level = alpha * values[t]! + (1 - alpha) * (level + trend);
    trend = beta * (level - previousLevel) + (1 - beta) * trend;
  }
  const n = values.length - 1;
  return {
    alpha,
    beta,
    gamma: 0,
    sse,
    sigma: Math.sqrt(sse / Math.max(1, n - 2)),
    predict: (h) => level + h * trend,
  };
}

function holtWinters(
  values: readonly number[],
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
): Fit {
  // Initial state from the first two seasons: level = first season's mean, trend = average
  // per-step change between the two seasons' means, seasonals = first season minus its mean.
  const firstMean = mean(values.slice(0, m));
  const secondMean = mean(values.slice(m, 2 * m));
  let level = firstMean;
  let trend = (secondMean - firstMean) / m;
  const seasonals = values.slice(0, m).map((v) => v - firstMean);
  let sse = 0;
  let count = 0;
  for (let t = m; t < values.length; t++) {
    const s = seasonals[t % m]!;
    const error = values[t]! - (level + trend + s);
    sse += error * error;
    count++;
    const previousLevel = level;
    level = alpha * (values[t]! - s) + (1 - alpha) * (level + trend);
    trend = beta * (level - previousLevel) + (1 - beta) * trend;
    seasonals[t % m] = gamma * (values[t]! - level) + (1 - gamma) * s;
  }
  const last = values.length - 1;
  return {
    alpha,
    beta,
    gamma,
    sse,
    sigma: Math.sqrt(sse / Math.max(1, count - 3)),
    predict: (h) => level + h * trend + seasonals[(last + h) % m]!,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

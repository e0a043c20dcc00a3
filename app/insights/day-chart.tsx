import type { DayCount } from '@/lib/insights/types';

const SERIES = [
  { key: 'answered', label: 'Answered', className: 'bar-answered' },
  { key: 'notCovered', label: 'Not covered', className: 'bar-not-covered' },
  { key: 'emergency', label: 'Emergency', className: 'bar-emergency' },
] as const;

const HEIGHT = 160;
const BAR = 14;
const GAP = 4;
const LEFT = 32;
const BOTTOM = 20;

/** Questions per day as stacked bars (answered / not covered / emergency), drawn from the counts. */
export function DayChart({ days }: { days: DayCount[] }) {
  const max = Math.max(1, ...days.map((d) => d.answered + d.notCovered + d.emergency));
  const width = LEFT + days.length * (BAR + GAP);
  const scale = (n: number) => (n / max) * (HEIGHT - BOTTOM - 8);
  const total = days.reduce((s, d) => s + d.answered + d.notCovered + d.emergency, 0);
  return (
    <figure className="day-chart">
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={`Questions per day over ${days.length} days: ${total} in all`} preserveAspectRatio="xMinYMid meet">
        <line x1={LEFT - 4} x2={width} y1={HEIGHT - BOTTOM} y2={HEIGHT - BOTTOM} className="axis" />
        <text x={LEFT - 8} y={12} textAnchor="end" className="tick">
          {max}
        </text>
        <text x={LEFT - 8} y={HEIGHT - BOTTOM} textAnchor="end" className="tick">
          0
        </text>
        {days.map((d, i) => {
          const x = LEFT + i * (BAR + GAP);
          let y = HEIGHT - BOTTOM;
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${d.answered} answered, ${d.notCovered} not covered, ${d.emergency} emergency`}</title>
              {SERIES.map((s) => {
                const h = scale(d[s.key]);
                y -= h;
                return h > 0 ? <rect key={s.key} x={x} y={y} width={BAR} height={h} className={s.className} /> : null;
              })}
              {i % 7 === days.length % 7 ? (
                <text x={x + BAR / 2} y={HEIGHT - 6} textAnchor="middle" className="tick">
                  {d.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {SERIES.map((s) => (
          <span key={s.key}>
            <span className={`swatch ${s.className}`} aria-hidden="true" /> {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

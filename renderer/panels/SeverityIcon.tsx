import type { Severity } from '../../shared/model/types';

/** Error (red circle with a cross), warning (amber triangle), note (blue circle with an i). */
export function SeverityIcon({ severity, size = 15 }: { severity: Severity; size?: number }) {
  const common = { width: size, height: size, viewBox: '0 0 16 16', 'aria-hidden': true as const, className: `sev-icon sev-${severity}` };
  if (severity === 'error') {
    return (
      <svg {...common}>
        <circle cx="8" cy="8" r="7" fill="currentColor" />
        <path d="M5.6 5.6l4.8 4.8M10.4 5.6l-4.8 4.8" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
    );
  }
  if (severity === 'warning') {
    return (
      <svg {...common}>
        <path d="M8 1.5 15 14H1z" fill="currentColor" strokeLinejoin="round" />
        <path d="M8 6v3.6" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
        <circle cx="8" cy="11.8" r=".9" fill="#fff" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M8 7.2v4" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
      <circle cx="8" cy="4.8" r=".95" fill="#fff" />
    </svg>
  );
}

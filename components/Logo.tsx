/** The Tracker mark: a route line ending in a pin, on the brand tile. */
export function Logo({ className = "size-8" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="9" className="fill-brand-500" />
      <path
        d="M8 23c3 0 4-2 6-5s3-5 6-5"
        fill="none"
        stroke="white"
        strokeWidth="2.25"
        strokeLinecap="round"
        strokeDasharray="0.1 4"
      />
      <path d="M21 6.5a4.5 4.5 0 0 1 4.5 4.5c0 3.2-4.5 7.5-4.5 7.5S16.5 14.2 16.5 11A4.5 4.5 0 0 1 21 6.5z" fill="white" />
      <circle cx="21" cy="11" r="1.6" className="fill-brand-500" />
      <circle cx="8" cy="23" r="2" fill="white" />
    </svg>
  );
}

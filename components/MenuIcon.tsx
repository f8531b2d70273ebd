/**
 * Line drawings for the demo menu, keyed by MenuItem.id. SVG rather than emoji: kiosks and
 * minimal Linux images often ship no emoji font, and a missing glyph shows as an empty box.
 */
import { LineIcon } from "./LineIcon";

const SHAPES: Record<string, React.ReactNode> = {
  margherita: (
    <>
      <path d="M12 21 3.2 6.6A13 13 0 0 1 20.8 6.6z" />
      <path d="M4.8 9.2a10.5 10.5 0 0 1 14.4 0" />
      <circle cx="10" cy="12" r="1.2" />
      <circle cx="14" cy="11" r="1" />
      <circle cx="12" cy="15.5" r="1" />
    </>
  ),
  diavola: (
    <>
      <path d="M15.5 6.5c2.6 1.6 2.6 6.4-1.4 9.7-3.6 3-8.3 3.8-10.6 3.3 3.3-.9 5.6-3.4 7-6.3 1.3-2.7 2.2-5.4 5-6.7z" />
      <path d="M15.5 6.5c.3-1.6 1.4-2.9 3-3.5" />
      <path d="M13.8 6.7c.6-.5 1.2-.5 1.7-.2" />
    </>
  ),
  burger: (
    <>
      <path d="M4 11a8 6 0 0 1 16 0z" />
      <path d="M3 14.5c1.5-1 3-1 4.5 0s3 1 4.5 0 3-1 4.5 0 3 1 4.5 0" />
      <path d="M5 17.5h14v.5a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2z" />
      <path d="M9 8h.01M12 7h.01M15 8h.01" />
    </>
  ),
  salad: (
    <>
      <path d="M3 12h18a9 9 0 0 1-18 0z" />
      <path d="M7.5 12c-.5-2.5 1-5 3.5-5.5.5 2.5-1 5-3.5 5.5" />
      <path d="M12.5 12c0-2.8 2-4.8 5-5-.2 2.8-2.2 4.8-5 5" />
      <path d="M6 20.5h12" />
    </>
  ),
  fries: (
    <>
      <path d="M5.5 10h13L17 21H7z" />
      <path d="M8 10V4.5M10.7 10V3M13.3 10V3.5M16 10V5" />
      <path d="M9.5 15.5a2.5 2.5 0 0 0 5 0" />
    </>
  ),
  lemonade: (
    <>
      <path d="M6 6h12l-1.6 14.1a1 1 0 0 1-1 .9H8.6a1 1 0 0 1-1-.9z" />
      <path d="M6.7 11h10.6" />
      <path d="m13 6 2-4h2" />
      <circle cx="17.5" cy="6" r="2.5" />
    </>
  ),
};

export function MenuIcon({ id, className = "size-7" }: { id: string; className?: string }) {
  return (
    <LineIcon className={className} strokeWidth={1.6}>
      {SHAPES[id] ?? <circle cx="12" cy="12" r="8" />}
    </LineIcon>
  );
}

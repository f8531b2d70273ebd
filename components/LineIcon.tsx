import type { ReactNode } from "react";

/** The frame of every line icon: a 24×24 stroked SVG that inherits the text colour. */
export function LineIcon({
  className,
  strokeWidth,
  children,
}: {
  className: string;
  strokeWidth: number;
  children: ReactNode;
}) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={strokeWidth}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

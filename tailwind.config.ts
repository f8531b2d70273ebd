import type { Config } from "tailwindcss";

/**
 * Loaded by app/globals.css through `@config`. Tailwind 4 reads the theme from CSS by default;
 * a config file keeps the brand and status palette in one typed place the components share.
 */
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        // A warm tomato red: appetising, and legible as text on both light and dark surfaces.
        brand: {
          50: "#fff4f1",
          100: "#ffe6df",
          200: "#ffd0c4",
          300: "#ffae9a",
          400: "#fd7f61",
          500: "#f45a36",
          600: "#c93716",
          700: "#ab2f13",
          800: "#9b2c13",
          900: "#802a16",
          950: "#461107",
        },
        // Each status has one hue everywhere (pill, stepper, timeline dot, board column). The CSS
        // variables switch shade with the colour scheme so text on a tinted background keeps contrast.
        status: {
          placed: "var(--status-placed)",
          confirmed: "var(--status-confirmed)",
          preparing: "var(--status-preparing)",
          ready: "var(--status-ready)",
          "out-for-delivery": "var(--status-out-for-delivery)",
          delivered: "var(--status-delivered)",
          cancelled: "var(--status-cancelled)",
        },
      },
      fontFamily: {
        // No webfont download (the build machine is offline, and customers on slow phones thank us).
        sans: [
          "system-ui",
          "-apple-system",
          "\"Segoe UI\"",
          "Roboto",
          "\"Helvetica Neue\"",
          "Arial",
          "\"Noto Sans\"",
          "sans-serif",
          "\"Apple Color Emoji\"",
          "\"Segoe UI Emoji\"",
        ],
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "\"Liberation Mono\"", "monospace"],
      },
      keyframes: {
        arrive: {
          "0%": { transform: "translateY(-6px) scale(0.98)", opacity: "0" },
          "100%": { transform: "none", opacity: "1" },
        },
        glow: {
          "0%, 100%": { boxShadow: "0 0 0 0 rgb(244 90 54 / 0)" },
          "30%": { boxShadow: "0 0 0 6px rgb(244 90 54 / 0.35)" },
        },
        pulseDot: {
          "0%": { transform: "scale(1)", opacity: "0.7" },
          "100%": { transform: "scale(2.4)", opacity: "0" },
        },
      },
      animation: {
        arrive: "arrive 320ms ease-out both",
        glow: "glow 1.6s ease-in-out 2",
        "pulse-dot": "pulseDot 1.6s ease-out infinite",
      },
    },
  },
};

export default config;

import type { Config } from "tailwindcss";

// Loaded from src/index.css via `@config`. Colours, radii and the gradient utilities live in that
// CSS file as variables (shadcn's Tailwind v4 layout); this file holds typography and motion.
export default {
  content: ["./index.html", "./src/**/*.{ts,tsx}"],
  theme: {
    extend: {
      // System stacks only: the app must not fetch web fonts.
      fontFamily: {
        sans: [
          "system-ui",
          "-apple-system",
          "Segoe UI",
          "Roboto",
          "Helvetica Neue",
          "Arial",
          "Noto Sans",
          "sans-serif",
          "Apple Color Emoji",
          "Segoe UI Emoji",
        ],
        mono: [
          "ui-monospace",
          "SFMono-Regular",
          "SF Mono",
          "Menlo",
          "Consolas",
          "Liberation Mono",
          "monospace",
        ],
      },
      // Enter/exit animations for Radix overlays: Radix keeps a closing element mounted until its
      // animation ends, so each `*-out` keyframe is what makes the exit visible.
      keyframes: {
        "fade-in": { from: { opacity: "0" } },
        "fade-out": { to: { opacity: "0" } },
        "content-in": { from: { opacity: "0", transform: "scale(0.96)" } },
        "content-out": { to: { opacity: "0", transform: "scale(0.96)" } },
        "slide-in-from-right": { from: { transform: "translateX(100%)" } },
        "slide-out-to-right": { to: { transform: "translateX(100%)" } },
        "slide-in-from-left": { from: { transform: "translateX(-100%)" } },
        "slide-out-to-left": { to: { transform: "translateX(-100%)" } },
        "slide-in-from-top": { from: { transform: "translateY(-100%)" } },
        "slide-out-to-top": { to: { transform: "translateY(-100%)" } },
        "slide-in-from-bottom": { from: { transform: "translateY(100%)" } },
        "slide-out-to-bottom": { to: { transform: "translateY(100%)" } },
      },
      animation: {
        "fade-in": "fade-in 150ms ease-out",
        "fade-out": "fade-out 150ms ease-in",
        "content-in": "content-in 150ms ease-out",
        "content-out": "content-out 100ms ease-in",
        "slide-in-from-right": "slide-in-from-right 300ms ease-out",
        "slide-out-to-right": "slide-out-to-right 200ms ease-in",
        "slide-in-from-left": "slide-in-from-left 300ms ease-out",
        "slide-out-to-left": "slide-out-to-left 200ms ease-in",
        "slide-in-from-top": "slide-in-from-top 300ms ease-out",
        "slide-out-to-top": "slide-out-to-top 200ms ease-in",
        "slide-in-from-bottom": "slide-in-from-bottom 300ms ease-out",
        "slide-out-to-bottom": "slide-out-to-bottom 200ms ease-in",
      },
    },
  },
} satisfies Config;

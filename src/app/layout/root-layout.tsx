import { Outlet, ScrollRestoration } from "react-router-dom";

export function RootLayout() {
  return (
    <>
      {/* Keyed by path, so changing a filter (the search) keeps the scroll position. */}
      <ScrollRestoration getKey={(location) => location.pathname} />
      <Outlet />
    </>
  );
}

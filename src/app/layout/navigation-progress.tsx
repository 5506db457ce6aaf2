import { useNavigation } from "react-router-dom";

/** A thin bar at the top of the window while the next page's code loads. */
export function NavigationProgress() {
  const navigation = useNavigation();
  if (navigation.state === "idle") return null;
  return (
    <div
      role="progressbar"
      aria-label="Loading page"
      className="fixed inset-x-0 top-0 z-50 h-0.5 animate-pulse bg-linear-to-r from-primary via-blue-400 to-primary"
    />
  );
}

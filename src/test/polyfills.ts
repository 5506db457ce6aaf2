// jsdom has no layout engine or pointer capture, and Radix calls these APIs: ResizeObserver
// (popper arrows, e.g. Tooltip), scrollIntoView (Select highlights the chosen option) and
// hasPointerCapture (Select's pointer handling). Each stub is installed only when missing.

class ResizeObserverStub implements ResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub;

Element.prototype.scrollIntoView ??= function scrollIntoView() {};
Element.prototype.hasPointerCapture ??= function hasPointerCapture() {
  return false;
};

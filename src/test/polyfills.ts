// jsdom has no layout engine or pointer capture; Radix's popper, Select and menus call these APIs.
// Each stub is installed only when missing, so importing this file more than once is harmless.

class ResizeObserverStub implements ResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub;

const element = Element.prototype;
element.scrollIntoView ??= function scrollIntoView() {};
element.hasPointerCapture ??= function hasPointerCapture() {
  return false;
};
element.setPointerCapture ??= function setPointerCapture() {};
element.releasePointerCapture ??= function releasePointerCapture() {};

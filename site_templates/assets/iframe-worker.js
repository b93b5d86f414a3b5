/* Offline build only (`handbook build --offline`): lets the theme's search run from file://, where
 * browsers refuse to start a Web Worker. The worker's script runs instead in a hidden iframe of the
 * same page: what it posts comes straight back here, and importScripts loads scripts one after the
 * other and returns a promise, which the theme's search worker awaits when it sees IFrameWorker.
 * Our own small equivalent of the theme's suggested shim, so that nothing is loaded from another host. */
(() => {
  "use strict";
  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      const frame = (this.frame = document.createElement("iframe"));
      frame.hidden = true;
      frame.dataset.hbWorker = "search";  // ours: the hostile-content test tells it from injected frames
      document.body.append(frame);
      const scope = frame.contentWindow, page = scope.document;
      const load = (src) => new Promise((resolve, reject) => {
        const script = page.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = () => reject(new Error(`无法载入 ${src}`));
        page.body.append(script);
      });
      scope.postMessage = (data) => this.emit(new MessageEvent("message", { data }));
      scope.importScripts = (...sources) => sources.reduce((done, src) => done.then(() => load(src)), Promise.resolve());
      scope.addEventListener("error", (e) => this.emit(new ErrorEvent("error", { message: e.message, error: e.error })));
      this.ready = load(new URL(url, location.href).href); // the first script[src]: the theme finds its folder by it
    }
    emit(event) {
      this.dispatchEvent(event);
      const handler = this[`on${event.type}`];
      if (handler) handler.call(this, event);
    }
    postMessage(data) {
      this.ready.then(() => this.frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) })));
    }
    terminate() { this.frame.remove(); }
  }
  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();

/* Hand-in to the exam room (handbook collect). The collector adds this script to the quiz pages
 * it serves; the site itself never loads it. quiz.js announces each result with an "hb-handin"
 * event, and this script takes it: the result goes to the collector with the 考场口令, and the
 * trainee sees the receipt. quiz.js's download and copy buttons stay below, for when the
 * collector cannot be reached. The 口令 is asked once per run and kept on the device. */
(() => {
  "use strict";
  const me = document.currentScript, run = (me && me.dataset.run) || "";
  const PIN = `hb:pin:${run}`, GOT = `hb:receipt:${run}:`;
  const get = (k) => { try { return localStorage.getItem(k); } catch (e) { return null; } };
  const put = (k, v) => { try { v == null ? localStorage.removeItem(k) : localStorage.setItem(k, v); } catch (e) { /* private mode: asked again */ } };
  const h = (tag, props, ...kids) => { const n = Object.assign(document.createElement(tag), props); n.append(...kids); return n; };
  const p = (text, props) => h("p", Object.assign({ textContent: text }, props));

  function panel(text, fresh) {
    const r = JSON.parse(text), got = GOT + [r.quiz_id, r.trainee.id, r.submitted_at].join("|");
    const box = h("div", { className: "admonition note hb-collect" });
    box.setAttribute("role", "status");
    const draw = (kind, title, ...body) => {
      box.className = `admonition ${kind} hb-collect`;
      box.replaceChildren(p(title, { className: "admonition-title" }), ...body);
    };
    const receipt = (c, again) => draw("success", again ? "这份结果已经交过了" : "已交到考场",
      p(`回执 ${c.number} 号`, { style: "font-size:1.6em;font-weight:bold;margin:0.4em 0" }),
      p(`${r.trainee.name}（${r.trainee.id}）${c.received_at.slice(11, 19)} 交到考场电脑，校验码 ${c.code}。`),
      p("交卷完成，不用再下载或发送文件。监考人要看时，出示这一屏即可。"));
    const ask = (kind, title, message, focus, typed) => {
      const input = h("input", { id: "hb-pin", inputMode: "numeric", autocomplete: "off", maxLength: 6, value: typed == null ? get(PIN) || "" : typed });
      const go = () => {
        const pin = input.value.replace(/\s/g, "");
        if (!/^\d{6}$/.test(pin)) { ask("warning", "请输入考场口令", "口令是六位数字，见投影或白板。", true, input.value); return; }
        put(PIN, pin);
        send();
      };
      input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); go(); } });
      draw(kind, title, p(message), h("p", { className: "hb-field" }, h("label", { htmlFor: input.id, textContent: "考场口令" }), input),
        h("p", {}, h("button", { type: "button", className: "md-button md-button--primary", textContent: "提交到考场", onclick: go })));
      if (focus) setTimeout(() => input.focus(), 0);
    };
    async function send() {
      draw("note", "正在交到考场……");
      let reply, body;
      try {
        reply = await fetch("/api/results", { method: "POST", cache: "no-store", body: text,
          headers: { "Content-Type": "application/json", "X-Handbook-Pin": get(PIN) || "" } });
        body = await reply.json().catch(() => ({}));
      } catch (e) {
        ask("warning", "没有连上考场电脑", "请确认手机连着办公室的无线网络，再点“提交到考场”。实在交不上，就用下面的按钮下载或复制结果，交给监考人。");
        return;
      }
      if (reply.status === 201 || (reply.status === 409 && body.receipt)) {
        put(got, JSON.stringify(body.receipt));
        receipt(body.receipt, reply.status === 409);
        return;
      }
      if (reply.status === 403) {
        put(PIN, null);
        ask("failure", "口令不对", "请看投影或白板上监考人公布的六位数字口令，再输一次。", true, "");
        return;
      }
      ask("failure", "没有交上", body.reason || `考场电脑没有收下（${reply.status}）。`, true);
    }
    const done = get(got);
    if (done) receipt(JSON.parse(done));
    else if (fresh && get(PIN)) send();
    else ask("info", "交到考场", "输入监考人公布的考场口令，点“提交到考场”，结果就直接交给监考人了。", fresh);
    return box;
  }

  document.addEventListener("hb-handin", (event) => {
    event.preventDefault();
    event.detail.panel = panel(event.detail.text, event.detail.fresh);
  });
})();

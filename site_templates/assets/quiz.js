/* Quiz runtime of the handbook: self-checks, exams and the feedback form.
 * Each quiz page carries its quiz as JSON in <script class="hb-quiz-data">; nothing is fetched,
 * so the pages work from disk too. All bank text goes in through textContent, never as markup.
 * Progress is kept in localStorage under the quiz id and version: an edited bank starts fresh. */
(() => {
  "use strict";
  const TYPE = { single: "单选", multiple: "多选", true_false: "判断", fill_blank: "填空", ordering: "排序", yes_no: "是／否", agree: "认同／不认同", text: "文字" };
  const BLANK = /_{3,}/g;

  function el(tag, props, ...kids) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (v !== false && v != null) node.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids) if (kid != null) node.append(kid);
    return node;
  }

  const pad = (n) => String(n).padStart(2, "0");
  function now(d = new Date()) {
    const off = -d.getTimezoneOffset(), a = Math.abs(off);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${off < 0 ? "-" : "+"}${pad(a / 60 | 0)}:${pad(a % 60)}`;
  }
  // Same folding as generator/core/published.py normalise_blank: NFKC, lower case, no spaces or
  // punctuation, a number's unit dropped. UNITS is the same list as published.py's (a test compares them).
  const UNITS = ["°c", "摄氏度", "°", "度", "km", "千米", "公里", "cm", "厘米", "mm", "毫米", "m", "米", "min", "分钟", "小时", "秒", "h", "s", "kg", "千克", "公斤", "mpa", "兆帕", "声", "次", "个", "人"];
  const NUMBER_WITH_UNIT = new RegExp(`^([0-9]+|[零〇一二两三四五六七八九十百千万]+)(?:${UNITS.slice().sort((a, b) => b.length - a.length).join("|")})$`, "u");
  const norm = (s) => {
    const bare = String(s).normalize("NFKC").toLowerCase().replace(/[\s\p{P}]/gu, "");
    const number = NUMBER_WITH_UNIT.exec(bare);
    return number ? number[1] : bare;
  };

  function random(seed) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function shuffled(list, rnd) {
    const out = list.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: progress is not kept */ }
  }

  const same = (a, b) => Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
  function correct(q, r) {
    switch (q.type) {
      case "single": return r === q.answer;
      case "true_false": return r === q.answer;
      case "multiple": return Array.isArray(r) && same(r.slice().sort(), q.answer.slice().sort());
      case "ordering": return same(r, q.answer);
      case "fill_blank": return Array.isArray(r) && r.length === q.answer.length && q.answer.every((ok, i) => typeof r[i] === "string" && ok.map(norm).includes(norm(r[i])));
    }
    return false;
  }
  // The judging rules, for the test that holds them to the grader's (tests/fixtures/judging_cases.yaml).
  window.handbookJudge = Object.freeze({ correct, types: Object.keys(TYPE) });
  const answered = (r) => r != null && r !== "" && !(Array.isArray(r) && (r.length === 0 || r.every((x) => !String(x).trim())));

  // FNV-1a over the file's UTF-8 bytes: the short check code on the receipt, so that trainee and
  // supervisor can tell they hold the same file (core/published.py check_code is the same sum).
  function checkCode(text) {
    let h = 0x811c9dc5;
    for (const b of new TextEncoder().encode(text)) h = Math.imul(h ^ b, 0x01000193);
    const x = (h >>> 0).toString(16).toUpperCase().padStart(8, "0");
    return `${x.slice(0, 4)}-${x.slice(4)}`;
  }
  /* What a form is filled in for. An exam or a feedback form keeps one saved state per sitting, so
   * that next week's link starts a fresh form instead of replaying last week's submission: the
   * session of a feedback link; for an exam the ?sitting= (or ?session=) of the supervisor's link,
   * else the month, since the monthly exam is sat once a month. */
  function sittingOf(mode) {
    const p = new URLSearchParams(location.search);
    return mode === "survey" ? p.get("session") || "" : p.get("sitting") || p.get("session") || now().slice(0, 7);
  }
  const when = (r) => r.submitted_at.slice(0, 16).replace("T", " ");
  function saveFile(text, name) {
    const a = el("a", { href: URL.createObjectURL(new Blob([text], { type: "application/json" })), download: name });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  class Quiz {
    constructor(root, data) {
      this.root = root;
      this.data = data;
      this.verb = data.mode === "survey" ? "提交" : "交卷";
      this.key = `hb:${data.id}:${data.version}` + (data.mode === "self-check" ? "" : `:${sittingOf(data.mode)}`);
      this.records = `hb:${data.id}:records`;
      this.state = load(this.key) || this.fresh();
      this.render();
    }

    // A new form's state; touch() adds when it was started and submit() the result text.
    fresh(size, only) {
      const params = new URLSearchParams(location.search);
      return { seed: (Math.random() * 2 ** 31) | 0, size: size || 0, only, responses: {}, checked: {}, trainee: { id: "", name: "" },
        session: params.get("session") || "", instructor: params.get("instructor") || "" };
    }
    get mode() { return this.data.mode; }
    persist() { save(this.key, this.state); }
    touch() { this.state.started = this.state.started || now(); this.persist(); }

    questions() {
      const qs = this.data.questions, only = this.state.only;
      if (this.mode !== "self-check") return qs;
      const order = shuffled(qs, random(this.state.seed));
      if (only) return order.filter((q) => only.includes(q.id));
      return this.state.size ? order.slice(0, this.state.size) : order;
    }

    render() {
      this.live = el("p", { class: "hb-live", role: "status", "aria-live": "polite" });
      const locked = !!this.state.result;
      const form = el("form", { class: `hb-form${locked ? " hb-locked" : ""}`, novalidate: true, onsubmit: (e) => { e.preventDefault(); this.submit(); } });
      form.append(this.mode === "self-check" ? this.controls() : this.identity());
      this.questions().forEach((q, i) => form.append(this.question(q, i + 1)));
      form.append(this.footer());
      const had = this.root.querySelector(":focus");
      this.root.replaceChildren(...[locked && this.receipt(), form, this.live, this.history()].filter(Boolean));
      // A submitted form is read-only: a change made after 交卷 would not be in the file.
      if (locked) for (const c of form.elements) c.disabled = true;
      // A redraw does not drop the focus to the page's body: it goes to the form's first control
      // (题数 or 工号, which have ids, or 练全部题目 when only the missed questions are shown).
      else if (had) form.querySelector("[id],button")?.focus();
      this.summary();
    }

    controls() {
      const total = this.data.questions.length, only = this.state.only;
      const bar = el("div", { class: "hb-bar" });
      if (only) {
        bar.append(el("span", { text: `只练错题：${only.length} 题` }),
          el("button", { type: "button", class: "md-button", onclick: () => this.restart(0), text: "练全部题目" }));
      } else {
        const sizes = [0, 5, 10, 20].filter((n) => n < total);
        const select = el("select", { id: `${this.data.id}-size`, onchange: (e) => this.restart(+e.target.value) },
          ...sizes.map((n) => el("option", { value: n, selected: n === this.state.size, text: n ? `随机 ${n} 题` : `全部 ${total} 题` })));
        bar.append(el("label", { for: select.id, text: "题数" }), select,
          el("button", { type: "button", class: "md-button", onclick: () => this.restart(this.state.size), text: "重新开始" }));
      }
      bar.append(this.clearButton());
      return bar;
    }
    clearButton() {
      return el("button", { type: "button", class: "md-button", onclick: () => this.clear(), text: "清除我的答案" });
    }
    restart(size, only) { this.state = this.fresh(size, only); this.persist(); this.render(); this.say(only ? `只练错题：共 ${only.length} 题。` : this.mode === "survey" ? "已开始新的一份。" : "已重新出题。"); }
    clear() {
      if (!window.confirm("清除本页的全部答案？清除后不能恢复。")) return;
      try { localStorage.removeItem(this.key); } catch (e) { /* nothing stored */ }
      this.state = this.fresh(this.state.size);
      this.render();
      this.say("本页保存的答案已清除。");
    }

    field(name, label, value, onchange) {
      const id = `${this.data.id}-${name}`;
      return el("p", { class: "hb-field" }, el("label", { for: id, text: label }),
        el("input", { id, name, value, autocomplete: "off", required: true, oninput: (e) => { onchange(e.target.value.trim()); this.touch(); } }));
    }
    identity() {
      const s = this.state, box = el("fieldset", { class: "hb-who" }, el("legend", { text: "学员信息" }),
        this.field("trainee-id", "工号", s.trainee.id, (v) => (s.trainee.id = v)),
        this.field("trainee-name", "姓名", s.trainee.name, (v) => (s.trainee.name = v)));
      if (this.mode === "survey") {
        box.append(this.field("session", "培训场次编号", s.session, (v) => (s.session = v)),
          this.field("instructor", "讲师工号", s.instructor, (v) => (s.instructor = v)));
      }
      if (!s.result) box.append(this.clearButton());
      return box;
    }

    question(q, number) {
      const legend = el("legend", {}, el("span", { class: "hb-num", text: `第 ${number} 题（${TYPE[q.type]}）` }), " ",
        q.type === "fill_blank" ? q.stem.replace(BLANK, "（　）") : q.stem);
      const box = el("fieldset", { class: "hb-q", id: `q-${q.id}` }, legend, q.from && el("p", { class: "hb-from", text: q.from }), this.inputs(q));
      if (this.mode === "self-check") {
        const feedback = el("div", { class: "hb-fb", "aria-live": "polite" });
        box.append(el("button", { type: "button", class: "md-button", onclick: () => this.check(q, feedback), text: "检查" }), feedback);
        if (this.state.checked[q.id]) this.feedback(q, feedback);
      }
      return box;
    }
    respond(q, value) {
      this.state.responses[q.id] = value;
      delete this.state.checked[q.id];
      this.touch();
      this.summary();
    }

    inputs(q) {
      const r = this.state.responses[q.id];
      const name = `${this.data.id}-${q.id}`;
      const choice = (type, value, text, checked, onchange) => el("label", { class: "hb-opt" },
        el("input", { type, name, value, checked, onchange }), " ", text);
      if (q.type === "single") return el("div", {}, ...this.options(q).map((o) => choice("radio", o.id, o.text, r === o.id, () => this.respond(q, o.id))));
      if (q.type === "multiple") {
        return el("div", {}, ...this.options(q).map((o) => choice("checkbox", o.id, o.text, (r || []).includes(o.id), (e) => {
          const set = new Set(this.state.responses[q.id] || []);
          e.target.checked ? set.add(o.id) : set.delete(o.id);
          this.respond(q, [...set].sort());
        })));
      }
      if (q.type === "true_false" || q.type === "yes_no" || q.type === "agree") {
        const words = q.type === "agree" ? ["认同", "不认同"] : q.type === "yes_no" ? ["是", "否"] : ["正确", "错误"];
        return el("div", { class: "hb-row" }, ...[true, false].map((v, i) => choice("radio", String(v), words[i], r === v, () => this.respond(q, v))));
      }
      if (q.type === "fill_blank") {
        const values = r || [];
        return el("div", {}, ...Array.from({ length: q.blanks || (q.answer || []).length }, (_, i) => {
          const id = `${name}-${i}`;
          return el("p", { class: "hb-field" }, el("label", { for: id, text: `第 ${i + 1} 空` }), el("input", { id, value: values[i] || "", autocomplete: "off", oninput: (e) => {
            const next = (this.state.responses[q.id] || []).slice();
            next[i] = e.target.value;
            this.respond(q, Array.from({ length: q.blanks || q.answer.length }, (_, k) => next[k] || ""));
          } }));
        }));
      }
      if (q.type === "ordering") return this.ordering(q);
      return el("textarea", { "aria-label": q.stem, rows: 3, oninput: (e) => this.respond(q, e.target.value) }, r || "");
    }

    options(q) {
      const seed = [...q.id].reduce((a, c) => (a * 31 + c.charCodeAt(0)) | 0, this.state.seed);
      if (this.mode !== "self-check") return q.options;
      const out = shuffled(q.options, random(seed));
      // An ordering shown already in order could not be answered without undoing it first.
      if (q.type === "ordering" && correct(q, out.map((o) => o.id))) out.push(out.shift());
      return out;
    }

    ordering(q) {
      const list = el("ol", { class: "hb-order" });
      const texts = Object.fromEntries(q.options.map((o) => [o.id, o.text]));
      const order = () => this.state.responses[q.id] || this.options(q).map((o) => o.id);
      const draw = (focusId, dir) => {
        list.replaceChildren(...order().map((id, i, all) => el("li", {}, el("span", { class: "hb-pos", text: `${i + 1}.` }), el("span", { text: texts[id] }),
          el("button", { type: "button", "data-id": id, "data-dir": "-1", disabled: i === 0, "aria-label": `上移：${texts[id]}`, onclick: () => move(id, -1), text: "↑" }),
          el("button", { type: "button", "data-id": id, "data-dir": "1", disabled: i === all.length - 1, "aria-label": `下移：${texts[id]}`, onclick: () => move(id, 1), text: "↓" }))));
        if (focusId) {
          const target = list.querySelector(`[data-id="${focusId}"][data-dir="${dir}"]:not([disabled])`) || list.querySelector(`[data-id="${focusId}"]:not([disabled])`);
          if (target) target.focus();
        }
      };
      const move = (id, dir) => {
        const next = order().slice(), i = next.indexOf(id);
        [next[i], next[i + dir]] = [next[i + dir], next[i]];
        this.respond(q, next);
        draw(id, dir);
        this.say(`“${texts[id]}”已移到第 ${i + dir + 1} 位。`);
      };
      draw();
      return list;
    }

    check(q, box) {
      const fresh = !this.state.checked[q.id];
      this.state.checked[q.id] = true;
      this.persist();
      this.feedback(q, box);
      this.summary();
      if (fresh) this.report([q]);
    }

    /* Tells the page which self-check questions were just checked (right: null when unanswered)
     * and, once every question of the whole bank is checked, the score: assets/learning.js keeps
     * them for 我的学习 and the 错题本. A question checked again unchanged is not told twice. */
    report(qs) {
      const s = this.state, all = this.questions(), right = (q) => answered(s.responses[q.id]) ? correct(q, s.responses[q.id]) : null;
      const whole = !s.size && !s.only && all.every((q) => s.checked[q.id]);
      document.dispatchEvent(new CustomEvent("hb:checked", { detail: { quiz: this.data, results: qs.map((q) => ({ question: q, right: right(q) })),
        score: whole ? Math.round((100 * all.filter((q) => right(q)).length) / all.length) : null } }));
    }

    // Right and wrong differ in colour, mark and words; then the key (when wrong) and the explanation.
    feedback(q, box) {
      const r = this.state.responses[q.id], ok = correct(q, r), none = !answered(r);
      const texts = Object.fromEntries((q.options || []).map((o) => [o.id, o.text]));
      const key = q.type === "true_false" ? (q.answer ? "正确" : "错误")
        : q.type === "fill_blank" ? q.answer.map((a) => a[0]).join("；")
        : [].concat(q.answer).map((id) => texts[id]).join(q.type === "ordering" ? " → " : "；");
      box.className = `hb-fb ${ok ? "hb-ok" : "hb-no"}`;
      box.replaceChildren(el("p", { class: "hb-verdict" }, el("span", { "aria-hidden": "true", text: ok ? "✓ " : "✗ " }), none ? "还没有作答。" : ok ? "回答正确。" : "回答错误。"),
        ...(ok ? [] : [el("p", { text: `正确答案：${key}` })]), el("p", { text: q.explanation }));
    }

    summary() {
      const qs = this.questions(), s = this.state;
      const done = qs.filter((q) => answered(s.responses[q.id])).length;
      if (this.mode !== "self-check") { this.status.textContent = `已答 ${done} / ${qs.length} 题。`; return; }
      const checked = qs.filter((q) => s.checked[q.id]);
      const right = checked.filter((q) => correct(q, s.responses[q.id])).length;
      let text = `已答 ${done} / ${qs.length} 题，已检查 ${checked.length} 题，答对 ${right} 题。`;
      if (checked.length === qs.length) text += `得分：${Math.round((100 * right) / qs.length)} 分。`;
      this.status.textContent = text;
    }

    footer() {
      this.status = el("p", { class: "hb-score" });
      const bar = el("div", { class: "hb-bar" }, this.status);
      if (this.mode !== "self-check") {
        if (!this.state.result) bar.append(el("button", { type: "submit", class: "md-button md-button--primary", text: this.verb }));
        return bar;
      }
      bar.append(el("button", { type: "button", class: "md-button md-button--primary", onclick: () => this.checkAll(), text: "全部检查并计分" }));
      return el("div", {}, bar, this.missed());
    }

    // After 全部检查并计分: the questions to look at again, each a link, and a quiz of just those.
    missed() {
      const qs = this.questions(), s = this.state;
      if (!qs.every((q) => s.checked[q.id])) return null;
      const wrong = qs.filter((q) => !correct(q, s.responses[q.id]));
      const box = el("div", { class: "hb-missed", tabindex: "-1" });
      if (!wrong.length) box.append(el("p", { text: "全部答对。" }));
      else {
        box.append(el("p", { text: `答错或没答的 ${wrong.length} 题：` }),
          el("ul", {}, ...wrong.map((q) => {
            const stem = q.stem.replace(BLANK, "（　）");
            return el("li", {}, el("a", { href: `#q-${q.id}`, text: `第 ${qs.indexOf(q) + 1} 题` }), `：${stem.length > 30 ? `${stem.slice(0, 30)}…` : stem}`);
          })),
          el("button", { type: "button", class: "md-button md-button--primary", onclick: () => this.restart(0, wrong.map((q) => q.id)), text: `只练错题（${wrong.length} 题）` }));
      }
      return box;
    }

    checkAll() {
      const fresh = this.questions().filter((q) => !this.state.checked[q.id]);
      for (const q of fresh) this.state.checked[q.id] = true;
      this.persist();
      this.render();
      this.root.querySelector(".hb-missed").focus({ preventScroll: true });
      this.status.scrollIntoView({ block: "center" }); // the score, then the questions to look at again
      this.report(fresh);
    }

    submit() {
      const s = this.state;
      if (s.result) return;
      const missing = [["trainee-id", s.trainee.id, "工号"], ["trainee-name", s.trainee.name, "姓名"]];
      if (this.mode === "survey") missing.push(["session", s.session, "培训场次编号"], ["instructor", s.instructor, "讲师工号"]);
      const gap = missing.find((m) => !m[1]);
      if (gap) { this.say(`请先填写${gap[2]}。`); document.getElementById(`${this.data.id}-${gap[0]}`).focus(); return; }
      const blank = this.data.questions.filter((q) => q.type !== "text" && !answered(s.responses[q.id])).length;
      if (blank && !window.confirm(`还有 ${blank} 题未作答，确定${this.verb}吗？`)) return;
      const result = { schema: "handbook.result/1", quiz_id: this.data.id, quiz_version: this.data.version, mode: this.mode,
        trainee: { id: s.trainee.id, name: s.trainee.name }, started_at: s.started || now(), submitted_at: now(),
        answers: this.data.questions.map((q) => ({ question_id: q.id, response: answered(s.responses[q.id]) ? s.responses[q.id] : null })) };
      if (this.mode === "survey") Object.assign(result, { session_id: s.session, instructor_id: s.instructor });
      s.result = JSON.stringify(result, null, 2);
      this.persist();
      save(this.records, [s.result, ...(load(this.records) || [])].slice(0, 20));
      this.sent = true;
      this.render();
      this.sent = false;
      if (this.own) this.download(s.result);
      this.root.querySelector(".hb-receipt").focus();
    }

    fileName(r) {
      return `${r.quiz_id}-${r.trainee.id}-${r.submitted_at.slice(0, 16).replace(/\D/g, "")}.json`.replace(/[^\w.\-]/g, "_");
    }
    download(text) { saveFile(text, this.fileName(JSON.parse(text))); }

    // The receipt of a submitted form: what was handed in, its check code and what to do next.
    receipt() {
      const text = this.state.result, r = JSON.parse(text), survey = this.mode === "survey", code = checkCode(text);
      const rows = [[survey ? "表格" : "考核", this.data.title], ["姓名", r.trainee.name], ["工号", r.trainee.id],
        ...(survey ? [["培训场次", r.session_id], ["讲师工号", r.instructor_id]] : []),
        [`${this.verb}时间`, when(r)], ["已答", `${r.answers.filter((a) => a.response != null).length} / ${r.answers.length} 题`], ["校验码", code]];
      const area = el("textarea", { id: `${this.data.id}-result`, readonly: true, rows: 8, "aria-label": "结果文本" });
      area.value = text;
      const copy = async () => {
        try { await navigator.clipboard.writeText(text); } catch (e) { area.closest("details").open = true; area.select(); document.execCommand("copy"); }
        this.say("结果文本已复制。");
      };
      // handbook collect adds a script that takes the result and gives its panel (generator/collect/pages/collect.js).
      const ev = new CustomEvent("hb-handin", { bubbles: true, cancelable: true, detail: { text, fresh: this.sent } });
      this.own = this.root.dispatchEvent(ev);
      const again = survey
        ? el("button", { type: "button", class: "md-button", onclick: () => this.restart(0), text: "再填一份" })
        : el("button", { type: "button", class: "md-button", onclick: () => this.nextTrainee(), text: "下一位考生" });
      return el("section", { class: "hb-receipt", tabindex: "-1", "aria-label": "回执" },
        el("p", { class: "hb-verdict", text: `✓ 已${this.verb}，答案已锁定，不能再修改。` }),
        el("dl", {}, ...rows.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })])),
        ev.detail.panel,
        this.own ? el("p", {}, `下一步：结果文件 ${this.fileName(r)} 已下载到本机，请交给客服主管；手机上不便传文件时，点“复制结果文本”发给主管。交接时报出校验码 `,
          el("span", { class: "hb-code", text: code }), "，主管据此核对收到的就是这一份。") : el("p", { text: "没有交到考场时，可下载结果文件或复制结果文本，交给监考人。" }),
        el("div", { class: "hb-bar" }, el("button", { type: "button", class: "md-button md-button--primary", onclick: () => this.download(text), text: "下载结果文件" }),
          el("button", { type: "button", class: "md-button", onclick: copy, text: "复制结果文本" })),
        el("details", {}, el("summary", { text: "查看结果文本" }), area),
        el("div", { class: "hb-bar" }, again));
    }

    // On a shared front-desk PC: nothing of this trainee stays for the next one to see.
    nextTrainee() {
      if (!window.confirm("清空本机保存的全部答案和提交记录，交给下一位考生？请先确认结果文件已交给主管。")) return;
      try { Object.keys(localStorage).filter((k) => k.startsWith("hb:")).forEach((k) => localStorage.removeItem(k)); } catch (e) { /* nothing stored */ }
      this.state = this.fresh();
      this.render();
      this.say("本机已清空，请下一位考生填写工号和姓名。");
    }

    // Earlier submissions made on this device, each downloadable again.
    history() {
      const list = (load(this.records) || []).filter((t) => t !== this.state.result);
      if (!list.length) return null;
      return el("details", { class: "hb-history" }, el("summary", { text: `我的提交记录（本机 ${list.length} 份）` }),
        el("ul", {}, ...list.map((t) => {
          const r = JSON.parse(t);
          return el("li", {}, `${when(r)} ${r.trainee.name}（${r.trainee.id}）${r.session_id ? ` 场次 ${r.session_id}` : ""} 校验码 ${checkCode(t)} `,
            el("button", { type: "button", class: "md-button", onclick: () => this.download(t), text: "下载" }));
        })));
    }

    say(text) { this.live.textContent = ""; setTimeout(() => (this.live.textContent = text), 50); }
  }

  // A table wider than the screen scrolls in its own box (the theme's .md-typeset__scrollwrap):
  // the keyboard can reach it, a screen reader names it, and the CSS shows a cue above it.
  function tables() {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
      const wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("hb-wide", wide);
      for (const [k, v] of [["tabindex", "0"], ["role", "region"], ["aria-label", "可左右滑动的表格"]]) wide ? box.setAttribute(k, v) : box.removeAttribute(k);
    }
  }
  // The glossary: the terms that contain what is typed, and the letters that still have some.
  function glossary() {
    const find = document.getElementById("hb-find");
    if (!find) return;
    find.parentElement.hidden = false;
    find.addEventListener("input", () => {
      const word = norm(find.value);
      let shown = 0;
      for (const li of document.querySelectorAll(".hb-terms li")) shown += !(li.hidden = !norm(li.textContent).includes(word));
      for (const ul of document.querySelectorAll(".hb-terms ul")) ul.hidden = ul.previousElementSibling.hidden = !ul.querySelector("li:not([hidden])");
      document.querySelector(".hb-found").textContent = word ? `找到 ${shown} 个` : "";
    });
  }
  // What learning.js (我的学习) shares of this runtime: running a quiz of its own making, and helpers.
  window.handbookQuiz = Object.freeze({ run: (root, data) => new Quiz(root, data), el, now, load, save, saveFile, checkCode });

  function start() {
    glossary();
    for (const root of document.querySelectorAll(".hb-quiz")) {
      const data = document.querySelector(`script.hb-quiz-data`);
      if (data && !root.dataset.ready) {
        root.dataset.ready = "1";
        new Quiz(root, JSON.parse(data.textContent));
      }
    }
  }
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", start) : start();
  addEventListener("load", tables);
  addEventListener("resize", tables);
})();

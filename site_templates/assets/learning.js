/* 我的学习: which modules were read and self-checked, the 错题本 of wrongly answered self-check
 * questions with spaced review, review before an exam, and moving the record to another phone.
 * Everything stays in this browser (localStorage "hb:learning"); nothing is sent anywhere.
 * Quiz pages say what was checked through quiz.js's "hb:checked" event; the 我的学习 page
 * (learning.md) carries every self-check bank as JSON, so review also works from disk. */
(() => {
  "use strict";
  const { run, el, now, load, save, saveFile, checkCode } = window.handbookQuiz;
  const KEY = "hb:learning", FORMAT = 1;
  /* A Leitner schedule of three boxes. A wrong answer puts a question in box 1; a right answer on
   * or after its due day moves it up a box, and from the last box out of the book. DAYS[b - 1] is
   * how long box b waits: out after right answers on three days, one, three and seven days apart. */
  const DAYS = [1, 3, 7];
  // 考前复习 is offered this many days before an assessment, with at most this many questions.
  const SOON = 7, EXAM_SET = 20;

  const day = (n = 0) => { const d = new Date(); d.setDate(d.getDate() + n); return now(d).slice(0, 10); };
  const md = (iso) => `${+iso.slice(5, 7)}月${+iso.slice(8, 10)}日`;
  const fp = (q) => checkCode(JSON.stringify(q));
  const short = (q) => q.stem.replace(/_{3,}/g, "（　）").slice(0, 40);
  const obj = (o) => o && typeof o === "object" && !Array.isArray(o);
  const dated = (t) => typeof t === "string" && /^\d{4}-\d\d-\d\d/.test(t);
  const score = (n) => Number.isInteger(n) && n >= 0 && n <= 100;

  /* The saved record: format version, modules read (id → day), self-check scores (bank id →
   * {best, last, at}) and the book ("bank/question" → {fp: the question's fingerprint when it
   * went wrong, w: times wrong, at: last time wrong, box, due}). */
  const fresh = () => ({ v: FORMAT, read: {}, done: {}, book: {} });
  const all = (o, ok) => obj(o) && Object.values(o).every(ok);
  const valid = (s) => obj(s) && s.v === FORMAT && all(s.read, dated) && all(s.done, (d) => obj(d) && score(d.best) && score(d.last) && dated(d.at))
    && all(s.book, (e) => obj(e) && typeof e.fp === "string" && Number.isInteger(e.w) && e.w > 0 && DAYS[e.box - 1] > 0 && dated(e.at) && dated(e.due));
  const state = () => { const s = load(KEY); return valid(s) ? s : fresh(); };
  const due = (s, today = day()) => Object.entries(s.book).filter(([, e]) => e.due <= today);

  // One checked question: into the book when wrong, along the schedule when right on its due day.
  function mark(s, bank, q, right) {
    const key = `${bank}/${q.id}`, f = fp(q), today = day();
    let e = s.book[key];
    if (e && e.fp !== f) { delete s.book[key]; e = null; }
    if (right === false) {
      s.book[key] = { fp: f, w: (e ? e.w : 0) + 1, at: today, box: 1, due: day(DAYS[0]) };
      return `已记入错题本，${md(day(DAYS[0]))}再练。`;
    }
    if (!right || !e) return "";
    if (e.due > today) return `还没到复习的日子（${md(e.due)}），这次不计。`;
    if (e.box === DAYS.length) { delete s.book[key]; return "在不同的日子都答对了，已移出错题本。"; }
    e.box += 1;
    e.due = day(DAYS[e.box - 1]);
    return `答对了，${md(e.due)}再练；再对 ${DAYS.length - e.box + 1} 次移出错题本。`;
  }

  // What each check did to the book, shown under its feedback, again after quiz.js redraws the page;
  // not under a question whose feedback is gone (重新开始, 清除), or an old note would show there.
  let reviewing = {};
  const said = {};
  document.addEventListener("hb:checked", ({ detail }) => {
    const s = state(), quiz = detail.quiz;
    for (const { question, right } of detail.results) {
      const from = quiz.id === "review" ? reviewing[question.id] : { bank: quiz.id, q: question };
      said[question.id] = mark(s, from.bank, from.q, right);
    }
    for (const [id, text] of Object.entries(said)) {
      const box = document.querySelector(`[id="q-${id}"] .hb-fb:not(:empty)`);
      if (text && box && !box.querySelector(".hb-next")) box.append(el("p", { class: "hb-next", text }));
    }
    if (detail.score != null && quiz.id !== "review") {
      const d = s.done[quiz.id];
      s.done[quiz.id] = { best: Math.max(detail.score, d ? d.best : 0), last: detail.score, at: day() };
    }
    save(KEY, s);
  });

  // A module counts as read once its end has been on the screen.
  function watchReading() {
    const end = document.querySelector(".hb-read-mark");
    if (!end) return;
    const seen = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      seen.disconnect();
      const s = state();
      s.read[end.dataset.module] = day();
      save(KEY, s);
    });
    seen.observe(end);
  }

  function showDue() {
    const n = due(state()).length;
    if (n) for (const a of document.querySelectorAll(".hb-learning-link")) a.append(el("span", { class: "hb-due", text: `（今日复习 ${n} 题）` }));
  }

  /* The record as text: a mark with the format, the record in base64, and a check code of it.
   * The record is ASCII (ids are slugs, the rest dates and numbers), so btoa takes it as it is. */
  function exported(s) {
    const body = btoa(JSON.stringify(s));
    return `HBL${FORMAT}.${body}.${checkCode(body)}`;
  }
  // The record in a text, or an Error naming what is wrong with it: foreign, damaged or unreadable.
  function imported(text) {
    const t = text.replace(/\s+/g, ""), m = /^HBL(\d+)\.([A-Za-z0-9+/]+=*)\.([0-9A-F]{4}-[0-9A-F]{4})$/.exec(t);
    if (!t.startsWith("HBL") || (m && +m[1] !== FORMAT)) throw new Error("foreign");
    if (!m || checkCode(m[2]) !== m[3]) throw new Error("damaged");
    let s;
    try { s = JSON.parse(atob(m[2])); } catch (e) { s = null; }
    if (!valid(s)) throw new Error("unreadable");
    return s;
  }

  const $ = (id) => document.getElementById(id);

  /* The 我的学习 page. Its words are the page's own (learning.md.j2 passes them in data.text, with
   * {name} where a value goes); only what quiz pages show too is written here. */
  class Learning {
    constructor(root, data) {
      this.root = root;
      this.data = data;
      this.banks = Object.fromEntries(data.banks.map((b) => [b.id, b]));
      this.notes = this.prune(state());
      const kind = new URLSearchParams(location.search).get("review");
      if (kind) this.review(kind);
      else { this.show(); this.wire(); }
    }

    t(key, values = {}) { return this.data.text[key].replace(/\{(\w+)\}/g, (_, k) => values[k]); }
    link(set, key, n) { return el("a", { class: "md-button md-button--primary", href: `?review=${set}`, text: this.t(key, { n }) }); }
    title(bank) { const b = this.banks[bank]; return b ? this.data.modules[b.module] : bank; }
    find(key) {
      const [bank, id] = key.split("/"), b = this.banks[bank];
      return b && b.questions.find((q) => q.id === id);
    }
    // A question removed or changed since it went wrong leaves the book, with a note saying so.
    prune(s) {
      const notes = [];
      for (const [key, e] of Object.entries(s.book)) {
        const q = this.find(key), [bank, id] = key.split("/");
        if (q && fp(q) === e.fp) continue;
        delete s.book[key];
        notes.push(this.t("gone", { q: q ? short(q) : `${this.title(bank)} ${id}` }));
      }
      if (notes.length) save(KEY, s);
      return notes;
    }

    show() {
      const s = state(), today = day(), book = Object.entries(s.book), n = due(s, today).length, next = this.next(), exam = this.exam();
      $("hb-today").replaceChildren(n ? this.link("due", "today", n) : this.t("no_due"));
      if (next) $("hb-exam").replaceChildren(el("p", { text: this.t("exam", next) + (exam ? "" : this.t("exam_later", { days: SOON })) }), exam ? this.link("exam", "exam_go", this.examSet(s, exam).length) : "");
      book.sort(([, a], [, b]) => a.due.localeCompare(b.due) || b.w - a.w);
      $("hb-days").textContent = DAYS.join("、");
      $("hb-book").replaceChildren(book.length ? this.link("book", "book_go", book.length) : this.t("book_empty"),
        el("ul", { class: "hb-book" }, ...book.map(([key, e]) => {
          const q = this.find(key), bank = key.split("/")[0], a = document.querySelector(`a[data-quiz="${bank}"]`);
          return el("li", {}, a ? el("a", { href: `${a.href}#q-${q.id}`, text: short(q) }) : short(q),
            el("span", { text: this.t("item", { module: this.title(bank), w: e.w, at: md(e.at), due: e.due <= today ? this.t("due_today") : md(e.due) }) }));
        })), el("ul", { class: "hb-notes" }, ...this.notes.map((text) => el("li", { text }))));
      for (const span of document.querySelectorAll(".hb-st, .hb-tick")) span.textContent = this.progress(s, span);
      $("hb-export").value = exported(s);
    }

    // 已读 and the self-check's scores of one module, or whether it is done (the five-day list).
    progress(s, span) {
      const id = span.dataset.module, bank = this.data.banks.find((b) => b.module === id), d = bank && s.done[bank.id], read = s.read[id];
      if (span.classList.contains("hb-tick")) return this.t(read && (!bank || d) ? "done" : "undone");
      return [this.t(read ? "read" : "unread", { day: read && md(read) }),
        bank ? this.t(d ? "scored" : "unscored", d && { ...d, day: md(d.at) }) : ""].filter(Boolean).join("\n");
    }

    // The next assessment of the schedule, and it again when it is at most SOON days away.
    next() { return this.data.exams.find((x) => x.day >= day()); }
    exam() { const x = this.next(); return x && x.day <= day(SOON) && x; }
    // From the assessment's modules: questions in the book first (most often wrong first), then
    // the others, taking each module's first question before any module's second.
    examSet(s, exam) {
      const all = this.data.banks.filter((b) => exam.modules.includes(b.module)).flatMap((b) => b.questions.map((q, i) => ({ key: `${b.id}/${q.id}`, i })));
      const wrong = (x) => (s.book[x.key] ? s.book[x.key].w : 0);
      return all.sort((x, y) => wrong(y) - wrong(x) || x.i - y.i).slice(0, EXAM_SET).map((x) => x.key);
    }

    // ?review=due|book|exam: the page shows only a quiz of those questions, run by quiz.js.
    review(kind) {
      const s = state(), today = day(), exam = this.exam();
      const [key, keys] = kind === "due" ? ["due", due(s, today).map(([k]) => k)] : kind === "exam" && exam ? ["exam_review", this.examSet(s, exam)] : ["book", Object.keys(s.book)];
      const title = this.t(key, exam);
      for (const n of this.root.parentElement.children) n.hidden = n !== this.root && n.tagName !== "H1";
      this.root.prepend(el("h2", { text: this.t("count", { title, n: keys.length }) }));
      document.title = `${title} - ${document.title}`;
      reviewing = {};
      const questions = keys.map((k) => {
        const bank = k.split("/")[0], q = this.find(k), id = `${bank}-${q.id}`;
        reviewing[id] = { bank, q };
        return { ...q, id, from: this.t("from", { module: this.title(bank) }) };
      });
      // Each review starts afresh: the book, not quiz.js's saved answers, carries what was done.
      save(`hb:review:${kind}`, null);
      if (questions.length) run(this.root.querySelector(".hb-review"), { id: "review", mode: "self-check", title, version: kind, questions });
    }

    // 换手机: the page's export and import controls; an import is refused whole when it is wrong.
    wire() {
      // A new node each time, so that a screen reader says a message again even when it repeats.
      const live = document.querySelector(".hb-move .hb-live"), say = (key, values) => live.replaceChildren(el("span", { text: this.t(key, values) }));
      const take = (text) => {
        let s;
        try { s = imported(text); } catch (e) { say("refused", { why: this.t(e.message) }); return; }
        const old = state();
        if (Object.keys(old.read).length + Object.keys(old.book).length && !window.confirm(this.t("replace"))) return;
        save(KEY, s);
        $("hb-import").value = "";
        this.notes = this.prune(s);
        this.show();
        say("imported", { read: Object.keys(s.read).length, book: Object.keys(s.book).length });
      };
      $("hb-copy").onclick = async () => {
        try { await navigator.clipboard.writeText($("hb-export").value); } catch (e) { $("hb-export").select(); document.execCommand("copy"); }
        say("copied");
      };
      $("hb-save").onclick = () => saveFile($("hb-export").value, this.t("file", { day: day() }));
      $("hb-take").onclick = () => take($("hb-import").value);
      $("hb-file").onchange = async (e) => { $("hb-import").value = await e.target.files[0].text(); take($("hb-import").value); };
    }
  }

  function start() {
    watchReading();
    const root = document.querySelector(".hb-learning"), data = document.querySelector("script.hb-learning-data");
    if (root && data) new Learning(root, JSON.parse(data.textContent));
    showDue();
  }
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", start) : start();
})();

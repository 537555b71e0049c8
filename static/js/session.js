// The session time-out warning (templates/registration/session_warning.html). The server
// keeps the clock (idd/services/session_clock.py): it signs out after the idle limit without
// activity, and at the end of the session's lifetime however active. Shortly before, this
// shows how long is left and, before an idle sign-out, offers "Stay signed in". Typing in a
// form on the page is activity too: it sends a keep-alive, at most once per
// data-keep-alive-seconds. Only the keep-alive counts: asking how long is left does not.
// Pages work without this.
(() => {
  const box = document.getElementById("session-warning");
  if (!box) return;
  const alert = box.querySelector(".usa-alert");
  const countdowns = box.querySelectorAll("[data-countdown]");
  const clocks = box.querySelectorAll("[data-clock]");
  const form = box.querySelector("form");
  const warnSeconds = Number(box.dataset.warnSeconds);
  const keepAliveMs = Number(box.dataset.keepAliveSeconds) * 1000;
  let deadline = Date.now() + Number(box.dataset.secondsLeft) * 1000;
  let ends = box.dataset.ends; // "idle", or "absolute": the session's lifetime comes first
  let lastKeepAlive = Date.now(); // loading the page was a request
  let timer = null;

  // While the bar shows, the page leaves room below its last button for it, and scrolling
  // to a button (Tab, focus) stops above the bar.
  const makeRoom = (height) => {
    document.body.style.paddingBottom = height ? `${height}px` : "";
    document.documentElement.style.scrollPaddingBottom = height ? `${height}px` : "";
  };

  const show = (state) => {
    alert.hidden = state === "hidden";
    box.querySelectorAll("[data-when]").forEach((part) => {
      part.hidden = !part.dataset.when.split(" ").includes(state);
    });
    makeRoom(alert.hidden ? 0 : box.offsetHeight);
  };

  // Coarse on purpose: the box is a live region, and a screen reader reads every change.
  // Never more than is left: at 90 seconds it says "about 1 minute", not "2 minutes".
  const coarseText = (seconds) => {
    if (seconds >= 120) return `about ${Math.floor(seconds / 60)} minutes`;
    if (seconds >= 60) return "about 1 minute";
    if (seconds >= 20) return "less than a minute";
    return "a few seconds";
  };

  // The exact time left, for the eye only (aria-hidden).
  const clockText = (seconds) =>
    ` (${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")})`;

  // Another tab's requests count too: ask the server before warning (asking is not activity).
  const ask = async (options) => {
    const response = await fetch(box.dataset.url, { redirect: "manual", ...options });
    if (!response.ok) return 0; // signed out: the server sends sign-in instead
    const answer = await response.json();
    ends = answer.ends;
    return answer.seconds_left;
  };

  const secondsLeft = () => Math.round((deadline - Date.now()) / 1000);

  const tick = async () => {
    // Before showing the warning, and before saying it is over, check with the server.
    if (secondsLeft() <= warnSeconds && (alert.hidden || secondsLeft() <= 0)) {
      const server = await ask({}).catch(() => secondsLeft());
      deadline = Date.now() + server * 1000;
    }
    const left = secondsLeft();
    if (left > warnSeconds) {
      show("hidden");
      schedule(left - warnSeconds);
    } else if (left <= 0) {
      show(ends === "absolute" ? "ended-final" : "ended");
    } else {
      const text = coarseText(left);
      countdowns.forEach((countdown) => {
        if (countdown.textContent !== text) countdown.textContent = text;
      });
      clocks.forEach((clock) => {
        clock.textContent = clockText(left);
      });
      show(ends === "absolute" ? "final" : "warning");
      schedule(1);
    }
  };

  const schedule = (seconds) => {
    clearTimeout(timer);
    timer = setTimeout(tick, seconds * 1000);
  };

  // The token from the cookie, not the form's: signing in again in another tab renews it.
  const token = () =>
    (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] ||
    form.querySelector("[name=csrfmiddlewaretoken]").value;

  // One keep-alive at a time: a click on "Stay signed in" while typing's is on its way
  // (leaving the field fires "change") waits for that one instead of sending another.
  let sending = null;
  const staySignedIn = () => {
    sending ??= (async () => {
      lastKeepAlive = Date.now();
      const stay = { method: "POST", headers: { "X-CSRFToken": token() } };
      const left = await ask(stay).catch(() => 0);
      deadline = Date.now() + left * 1000;
      sending = null;
      tick();
    })();
    return sending;
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    staySignedIn();
  });

  // Typing in a form is activity: a keep-alive once the last one is old enough, or at
  // once when the warning already shows. Nothing after the server has signed out.
  const typed = (event) => {
    if (sending || secondsLeft() <= 0) return;
    if (!event.target.closest("form") || box.contains(event.target)) return;
    const warned = !alert.hidden && ends !== "absolute"; // nothing extends the lifetime
    if (warned || Date.now() - lastKeepAlive >= keepAliveMs) staySignedIn();
  };
  document.addEventListener("input", typed);
  document.addEventListener("change", typed);

  tick();
})();

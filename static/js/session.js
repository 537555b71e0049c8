// The idle sign-out warning (templates/registration/session_warning.html). The server
// signs out after SESSION_IDLE_MINUTES without a request; shortly before, this shows how
// long is left and offers "Stay signed in". Pages work without this file.
(() => {
  const box = document.getElementById("session-warning");
  if (!box) return;
  const alert = box.querySelector(".usa-alert");
  const countdown = box.querySelector("[data-countdown]");
  const form = box.querySelector("form");
  const warnSeconds = Number(box.dataset.warnSeconds);
  let deadline = Date.now() + Number(box.dataset.secondsLeft) * 1000;
  let timer = null;

  const show = (state) => {
    alert.hidden = state === "hidden";
    box.querySelectorAll("[data-when]").forEach((part) => {
      part.hidden = part.dataset.when !== state;
    });
  };

  // Coarse on purpose: the box is a live region, and a screen reader reads every change.
  const minutesText = (seconds) => {
    const minutes = Math.ceil(seconds / 60);
    if (seconds < 60) return "less than a minute";
    return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  };

  // Another tab's requests count too: ask the server before warning (asking is not activity).
  const ask = async (options) => {
    const response = await fetch(box.dataset.url, { redirect: "manual", ...options });
    if (!response.ok) return 0; // signed out: the server sends sign-in instead
    return (await response.json()).seconds_left;
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
      show("ended");
    } else {
      const text = minutesText(left);
      if (countdown.textContent !== text) countdown.textContent = text;
      show("warning");
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

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const stay = { method: "POST", headers: { "X-CSRFToken": token() } };
    const left = await ask(stay).catch(() => 0);
    deadline = Date.now() + left * 1000;
    tick();
  });

  tick();
})();

// The sound of an incoming contact: two short tones, repeated, made with Web Audio (no sound
// file to load). Browsers only allow sound after the user has interacted with the page, which
// signing in and choosing a status always is.
let context = null;

function tone(at, frequency) {
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.35);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(at);
  oscillator.stop(at + 0.4);
}

/** Ring until the returned function is called. */
export function startRinging() {
  try {
    context = context || new AudioContext();
  } catch {
    return () => {};
  }
  const ring = () => {
    const now = context.currentTime;
    tone(now, 880);
    tone(now + 0.45, 660);
  };
  ring();
  const timer = setInterval(ring, 2500);
  window.__opencontactRinging = true;
  return () => {
    clearInterval(timer);
    window.__opencontactRinging = false;
  };
}

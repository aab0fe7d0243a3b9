/*
 * Verity SDK 1.0.0: identity verification in the browser, as a plain ES module (no framework, no build step).
 *
 *   import { mount } from 'https://idv.example.com/sdk/verity-sdk-1.0.0.js';
 *   mount(document.getElementById('verify'), { baseUrl: 'https://idv.example.com', clientId, sessionId,
 *                                              onComplete: result => ... });
 *
 * Your backend creates the session (sessionCreate, x-api-key) and gives the page its session_id and client_id;
 * nothing secret ever reaches the browser. The SDK calls the sdk* operations with the X-Client-Id header:
 * consent, document type, front and back (camera or file), the liveness challenge with live guidance, finalization.
 * Lower layers are exported too: VerityClient (the API), Camera (preview, capture, motion), guidedLiveness.
 * Styles: verity-sdk-1.0.0.css beside this file.
 */

export const VERSION = '1.0.0';

/** An SDK call that failed: HTTP status, the problem's code (e.g. consent_required) and its detail. */
export class VerityError extends Error {
  constructor(status, code, detail) {
    super(detail || code || `HTTP ${status}`);
    this.name = 'VerityError';
    this.status = status;
    this.code = code;
  }
}

/** The sdk* operations of one session. */
export class VerityClient {
  constructor({ baseUrl = '', clientId, sessionId, fetch: fetchImpl } = {}) {
    if (!clientId || !sessionId) {
      throw new VerityError(0, 'link_incomplete', 'clientId and sessionId are required');
    }
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.clientId = clientId;
    this.sessionId = sessionId;
    this.fetch = fetchImpl || globalThis.fetch.bind(globalThis);
  }

  async #call(path, body) {
    const headers = { 'X-Client-Id': this.clientId, Accept: 'application/json' };
    if (!(body instanceof FormData)) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(body);
    }
    let response;
    try {
      response = await this.fetch(`${this.baseUrl}/v1/sdk/${path}`, { method: 'POST', headers, body, credentials: 'omit' });
    } catch (e) {
      throw new VerityError(0, 'network', 'The connection failed');
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      throw new VerityError(response.status, json && json.code, json && (json.detail || json.title));
    }
    return json;
  }

  #image(side, image, position) {
    const form = new FormData();
    form.append('session_id', this.sessionId);
    form.append('latitude', String(position.latitude));
    form.append('longitude', String(position.longitude));
    form.append('image', image, image.name || `${side}.jpg`);
    return this.#call(`documents/${side}`, form);
  }

  /** sdkSessionRead: consented, document_type_e, document_front_given, ..., status_e, liveness_mode. */
  readSession() {
    return this.#call('sessions/read', { session_id: this.sessionId });
  }

  /** sdkAddIdentityConsent */
  consent(consented) {
    return this.#call('consent', { session_id: this.sessionId, consented });
  }

  /** sdkMetadataUpdate */
  setMetadata(sdkMetadata) {
    return this.#call('metadata', { session_id: this.sessionId, sdk_metadata: sdkMetadata });
  }

  /** sdkDocumentTypeUpdate: passport, driver_license, identification_card, passport_card. */
  setDocumentType(type) {
    return this.#call('document-type', { session_id: this.sessionId, document_type_e: type });
  }

  /** sdkDocumentFrontImageAdd: a JPEG, PNG or WebP Blob or File, with the device's position. */
  addDocumentFront(image, position) {
    return this.#image('front', image, position);
  }

  /** sdkDocumentBackImageAdd */
  addDocumentBack(image, position) {
    return this.#image('back', image, position);
  }

  /** sdkLivenessSessionGenerate: {token, challenge: ['turn_left', 'turn_right'] or [], expires_at}. */
  generateLiveness(position) {
    return this.#call('liveness/generate', { session_id: this.sessionId, ...position });
  }

  /** sdkLivenessSessionProcess: frames as JPEG Blobs (straight ahead first, then one per challenge step). */
  async processLiveness(frames, position) {
    const images = await Promise.all(frames.map(toBase64));
    return this.#call('liveness/process', { session_id: this.sessionId, ...position, images });
  }

  /** sdkIdvFinalization: {verified, on_sanction_list, ...}. */
  finalize(settings = {}) {
    return this.#call('finalize', { session_id: this.sessionId, settings });
  }
}

async function toBase64(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The device's position, which every capture records ({latitude, longitude}). */
export function currentPosition(timeoutMs = 20000) {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(new VerityError(0, 'location_unavailable', 'This browser cannot share its location'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      p => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => reject(new VerityError(0, 'location_unavailable', 'The location was not shared')),
      { enableHighAccuracy: false, timeout: timeoutMs, maximumAge: 600000 });
  });
}

/** A camera shown in a <video>: open, capture a JPEG, measure how much the picture moves. */
export class Camera {
  static supported() {
    return !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
  }

  constructor(video) {
    this.video = video;
    this.stream = null;
    this.sample = document.createElement('canvas');
    this.sample.width = 64;
    this.sample.height = 48;
    this.previous = null;
  }

  /** facing: 'environment' (documents) or 'user' (selfie). Resolves once the preview plays. */
  async open(facing) {
    this.close();
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: facing }, width: { ideal: 1920 }, height: { ideal: 1080 } },
    });
    this.video.srcObject = this.stream;
    this.video.muted = true;
    this.video.playsInline = true;
    await this.video.play();
    if (!this.video.videoWidth) {
      await new Promise(resolve => this.video.addEventListener('loadedmetadata', resolve, { once: true }));
    }
    this.previous = null;
  }

  close() {
    if (this.stream) {
      this.stream.getTracks().forEach(t => t.stop());
      this.stream = null;
    }
    this.video.srcObject = null;
  }

  /** The current picture, full size, as a JPEG Blob. */
  capture(quality = 0.92) {
    const canvas = document.createElement('canvas');
    canvas.width = this.video.videoWidth;
    canvas.height = this.video.videoHeight;
    canvas.getContext('2d').drawImage(this.video, 0, 0, canvas.width, canvas.height);
    return new Promise((resolve, reject) => canvas.toBlob(
      b => (b ? resolve(b) : reject(new VerityError(0, 'capture_failed', 'The camera gave no picture'))), 'image/jpeg', quality));
  }

  /** Mean absolute change of brightness (0-255) since the previous call, on a 64x48 thumbnail. */
  motion() {
    const ctx = this.sample.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(this.video, 0, 0, 64, 48);
    const px = ctx.getImageData(0, 0, 64, 48).data;
    const luma = new Float32Array(64 * 48);
    for (let i = 0; i < luma.length; i++) {
      luma[i] = 0.299 * px[4 * i] + 0.587 * px[4 * i + 1] + 0.114 * px[4 * i + 2];
    }
    let change = 0;
    if (this.previous) {
      for (let i = 0; i < luma.length; i++) {
        change += Math.abs(luma[i] - this.previous[i]);
      }
      change /= luma.length;
    }
    this.previous = luma;
    return change;
  }
}

const STEP_TEXT = {
  face: 'Look straight at the camera, with your face inside the oval',
  turn_left: 'Slowly turn your head to your left',
  turn_right: 'Slowly turn your head to your right',
};

/**
 * The liveness frames, with live guidance: first the face straight ahead, held still; then each challenge step (a
 * head turn): the picture must move, then hold still, and that still picture is taken. onGuidance({step, index,
 * total, text, phase: 'move' | 'hold' | 'taken'}) follows along. capture() in options.manual (a function that
 * returns a promise) lets the user take the picture at once.
 */
export async function guidedLiveness(camera, challenge, {
  onGuidance = () => {}, stillMs = 1000, stillBelow = 3, movedAbove = 8, intervalMs = 100, signal,
} = {}) {
  const steps = ['face', ...challenge];
  const frames = [];
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index];
    const needsMove = step !== 'face';
    let moved = !needsMove;
    let stillSince = null;
    let manual = false;
    const takeNow = () => { manual = true; };
    onGuidance({ step, index, total: steps.length, text: STEP_TEXT[step] || step, phase: needsMove ? 'move' : 'hold', takeNow });
    camera.motion();
    for (;;) {
      if (signal && signal.aborted) {
        throw new VerityError(0, 'aborted', 'Stopped');
      }
      await new Promise(resolve => setTimeout(resolve, intervalMs));
      if (manual) {
        break;
      }
      const change = camera.motion();
      if (!moved && change > movedAbove) {
        moved = true;
        onGuidance({ step, index, total: steps.length, text: 'Hold still', phase: 'hold', takeNow });
      }
      if (moved && change < stillBelow) {
        stillSince = stillSince ?? performance.now();
        if (performance.now() - stillSince >= stillMs) {
          break;
        }
      } else {
        stillSince = null;
      }
    }
    frames.push(await camera.capture());
    onGuidance({ step, index, total: steps.length, text: 'Done', phase: 'taken' });
  }
  return frames;
}

// ---------------------------------------------------------------------------------------------------------------
// The whole flow as a UI
// ---------------------------------------------------------------------------------------------------------------

const DOCUMENT_TYPES = [
  ['driver_license', "Driver's licence"],
  ['identification_card', 'Identity card'],
  ['passport', 'Passport'],
  ['passport_card', 'Passport card'],
];
const NO_BACK = ['passport'];

const MESSAGES = {
  consent_required: 'Please give your consent first.',
  session_expired: 'This verification link has expired. Ask for a new one.',
  session_complete: 'This verification is already finished.',
  session_blocked: 'Too many attempts. This verification is paused; ask for a new link.',
  rate_limited: 'Too many requests. Wait a minute, then try again.',
  unsupported_format: 'That file is not a photo we can read. Use a JPEG, PNG or WebP image.',
  image_too_large: 'That photo is too large. Use one under 10 MB.',
  image_too_small: 'That photo is too small. Use one at least 200 pixels on each side.',
  liveness_session_expired: 'The selfie check timed out. Start it again.',
  network: 'The connection failed. Check your network, then try again.',
  location_unavailable: 'We need your location to record where this verification took place. Allow location access, then try again.',
  camera_unavailable: 'The camera is not available. You can choose a photo instead.',
};

function message(error) {
  if (error instanceof VerityError) {
    if (MESSAGES[error.code]) {
      return MESSAGES[error.code];
    }
    if (error.status === 404) {
      return 'This verification link is not valid.';
    }
    if (error.status >= 400 && error.status < 500 && error.message) {
      return error.message;
    }
  }
  return 'Something went wrong. Try again.';
}

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) {
      continue;
    }
    if (k.startsWith('on')) {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'class') {
      el.className = v;
    } else {
      el.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children.flat()) {
    if (c != null && c !== false) {
      el.append(c instanceof Node ? c : String(c));
    }
  }
  return el;
}

/**
 * Renders the verification flow into element and runs it; resumes where a session stands. Options: baseUrl,
 * clientId, sessionId, finalizeSettings, sdkMetadata (yours, recorded after consent with the SDK's version and the
 * device's user agent, language and screen size), onComplete({verified, on_sanction_list}). Returns {client, stop()}.
 */
export function mount(element, {
  baseUrl = '', clientId, sessionId, finalizeSettings = {}, sdkMetadata = {}, onComplete = () => {},
} = {}) {
  const flow = new Flow(element, baseUrl, clientId, sessionId, finalizeSettings, onComplete);
  flow.sdkMetadata = sdkMetadata;
  flow.start();
  return { client: flow.client, stop: () => flow.stop() };
}

class Flow {
  constructor(root, baseUrl, clientId, sessionId, finalizeSettings, onComplete) {
    this.root = root;
    this.finalizeSettings = finalizeSettings;
    this.onComplete = onComplete;
    this.position = null;
    this.camera = null;
    this.abort = null;
    root.classList.add('verity');
    root.replaceChildren();
    this.step = h('div', { class: 'verity-step' });
    this.status = h('p', { class: 'verity-status', role: 'status', 'aria-live': 'polite' });
    this.alert = h('p', { class: 'verity-alert', role: 'alert' });
    root.append(this.step, this.alert, this.status);
    try {
      this.client = new VerityClient({ baseUrl, clientId, sessionId });
    } catch (e) {
      this.client = null;
    }
  }

  stop() {
    if (this.abort) {
      this.abort.abort();
    }
    if (this.camera) {
      this.camera.close();
    }
  }

  async start() {
    if (!this.client) {
      this.ended('This link is incomplete', 'Ask the service that sent you here for a new verification link.', 'invalid');
      return;
    }
    this.busy('Loading…');
    try {
      this.route(await this.client.readSession());
    } catch (e) {
      this.ended('We cannot open this verification', message(e), 'invalid');
    }
  }

  route(s) {
    this.stop();
    this.type = s.document_type_e;
    if (s.status_e === 'complete' || s.status_e === 'temporarily_complete') {
      this.ended('This verification is finished', 'You can close this page.', 'finished');
    } else if (s.status_e === 'expired') {
      this.ended('This verification link has expired', 'Ask the service that sent you here for a new link.', 'expired');
    } else if (s.status_e === 'temporarily_blocked') {
      this.ended('This verification is paused', MESSAGES.session_blocked, 'blocked');
    } else if (!s.consented) {
      this.consentStep();
    } else if (!s.document_front_given) {
      this.documentTypeStep(s.document_type_e);
    } else if (!NO_BACK.includes(s.document_type_e) && !s.document_back_given) {
      this.captureStep('back');
    } else if (!s.liveness_detected) {
      this.livenessStep();
    } else {
      this.finalizeStep();
    }
  }

  /** Replaces the step's content, names it, and moves the focus to its heading. */
  show(number, title, ...content) {
    this.alert.textContent = '';
    this.status.textContent = '';
    const heading = h('h1', { id: 'verity-title', tabindex: '-1' }, title);
    const total = NO_BACK.includes(this.type) ? 4 : 5;
    const progress = number ? h('p', { class: 'verity-progress' }, `Step ${Math.min(number, total)} of ${total}`) : null;
    const section = h('section', { 'aria-labelledby': 'verity-title' }, progress, heading, ...content);
    this.step.replaceChildren(section);
    heading.focus();
    return section;
  }

  busy(text) {
    this.alert.textContent = '';
    this.status.textContent = text;
  }

  fail(error) {
    this.status.textContent = '';
    this.alert.textContent = message(error);
    if (error instanceof VerityError && ['session_expired', 'session_complete', 'session_blocked'].includes(error.code)) {
      this.start();
      return true;
    }
    return false;
  }

  /** Runs an action once at a time: the buttons of the step are disabled meanwhile. */
  async act(section, text, action) {
    const controls = [...section.querySelectorAll('button, input')];
    controls.forEach(c => { c.disabled = true; });
    this.busy(text);
    try {
      await action();
    } catch (e) {
      if (!this.fail(e)) {
        controls.forEach(c => { c.disabled = false; });
      }
    }
  }

  async where() {
    if (!this.position) {
      this.position = await currentPosition();
    }
    return this.position;
  }

  consentStep() {
    const box = h('input', { type: 'checkbox', id: 'verity-consent' });
    const section = this.show(1, 'Verify your identity',
      h('p', {}, 'We will ask you for photos of an identity document and a short selfie check. '
        + 'They are used to confirm that you are the person on the document, and stored encrypted.'),
      h('p', {}, 'Your location is recorded with each photo.'),
      h('div', { class: 'verity-check' }, box,
        h('label', { for: 'verity-consent' }, 'I agree to the processing of my photos, document and location for this verification.')),
      h('div', { class: 'verity-actions' },
        h('button', { type: 'button', class: 'verity-primary', onclick: () => agree() }, 'Continue'),
        h('button', { type: 'button', class: 'verity-secondary', onclick: () => decline() }, 'I do not agree')));
    const agree = () => {
      if (!box.checked) {
        this.alert.textContent = 'Tick the box to agree, or choose “I do not agree”.';
        box.focus();
        return;
      }
      this.act(section, 'Saving your consent…', async () => {
        await this.where();
        await this.client.consent(true);
        await this.client.setMetadata({
          ...this.sdkMetadata, sdk: 'verity-js', sdk_version: VERSION, user_agent: navigator.userAgent.slice(0, 300),
          language: navigator.language, screen: `${window.screen.width}x${window.screen.height}`,
        });
        this.documentTypeStep(null);
      });
    };
    const decline = () => this.act(section, 'Saving…', async () => {
      await this.client.consent(false);
      this.ended('You did not give your consent', 'Nothing was verified. You can close this page.', 'declined');
    });
  }

  documentTypeStep(current) {
    const choices = DOCUMENT_TYPES.map(([value, label], i) => h('div', { class: 'verity-choice' },
      h('input', { type: 'radio', name: 'verity-document-type', id: `verity-type-${value}`, value,
        checked: value === current || (!current && i === 0) }),
      h('label', { for: `verity-type-${value}` }, label)));
    const section = this.show(2, 'Which document will you use?',
      h('fieldset', {}, h('legend', {}, 'Document type'), choices),
      h('div', { class: 'verity-actions' },
        h('button', { type: 'button', class: 'verity-primary', onclick: () => next() }, 'Continue')));
    const next = () => this.act(section, 'Saving…', async () => {
      this.type = section.querySelector('input[name="verity-document-type"]:checked').value;
      await this.client.setDocumentType(this.type);
      this.captureStep('front');
    });
  }

  captureStep(side) {
    const label = (DOCUMENT_TYPES.find(([v]) => v === this.type) || [null, 'document'])[1].toLowerCase();
    const video = h('video', { class: 'verity-video verity-document', muted: true, playsinline: true, autoplay: true,
      'aria-label': 'Camera preview' });
    const take = h('button', { type: 'button', class: 'verity-primary', disabled: true, onclick: () => snap() }, 'Take photo');
    const file = h('input', { type: 'file', id: `verity-file-${side}`, accept: 'image/jpeg,image/png,image/webp',
      capture: 'environment', class: 'verity-file', onchange: () => file.files[0] && send(file.files[0]) });
    const section = this.show(side === 'front' ? 3 : 4, `Photograph the ${side} of your ${label}`,
      h('p', {}, 'Place it on a dark, flat surface, fill the frame, and avoid glare.'),
      h('div', { class: 'verity-frame' }, video),
      h('div', { class: 'verity-actions' }, take, file,
        h('label', { for: `verity-file-${side}`, class: 'verity-secondary verity-file-label' }, 'Choose a photo instead')));
    section.dataset.side = side;
    const send = image => this.act(section, 'Uploading…', async () => {
      const position = await this.where();
      if (side === 'front') {
        await this.client.addDocumentFront(image, position);
      } else {
        await this.client.addDocumentBack(image, position);
      }
      this.stop();
      this.route(await this.client.readSession());
    });
    const snap = async () => {
      try {
        const image = await this.camera.capture();
        send(image);
      } catch (e) {
        this.fail(e);
      }
    };
    this.openCamera(video, 'environment', () => { take.disabled = false; });
  }

  async openCamera(video, facing, ready) {
    this.camera = new Camera(video);
    if (!Camera.supported()) {
      this.status.textContent = MESSAGES.camera_unavailable;
      return;
    }
    try {
      await this.camera.open(facing);
      ready();
      this.status.textContent = 'Camera ready.';
    } catch (e) {
      this.status.textContent = MESSAGES.camera_unavailable;
    }
  }

  livenessStep() {
    const start = h('button', { type: 'button', class: 'verity-primary', disabled: true, onclick: () => run() }, 'Start');
    const intro = h('p', {}, 'Preparing…');
    const section = this.show(5, 'Selfie check', intro,
      h('p', {}, 'Find good light and remove sunglasses. The photos are taken automatically when you hold still.'),
      h('div', { class: 'verity-actions' }, start));
    let challenge = null;
    const prepare = () => this.act(section, 'Preparing the selfie check…', async () => {
      const token = await this.client.generateLiveness(await this.where());
      challenge = token.challenge || [];
      section.dataset.challenge = challenge.join(',');
      const turns = challenge.map(s => (s === 'turn_left' ? 'turn your head to your left' : 'turn your head to your right'));
      intro.textContent = turns.length
        ? `You will look at the camera, then ${turns.join(', then ')}.`
        : 'You will look at the camera for a moment.';
      this.busy('');
      start.disabled = false;
      start.focus();
    });
    const run = () => (challenge ? this.guide(challenge) : prepare());
    prepare();
  }

  async guide(challenge) {
    const video = h('video', { class: 'verity-video verity-selfie', muted: true, playsinline: true, autoplay: true,
      'aria-label': 'Camera preview of your face' });
    const guidance = h('p', { class: 'verity-guidance', 'aria-live': 'assertive' }, 'Opening the camera…');
    const dots = ['face', ...challenge].map(() => h('li', { class: 'verity-dot' }));
    const now = h('button', { type: 'button', class: 'verity-secondary', disabled: true }, 'Take the photo now');
    const section = this.show(5, 'Selfie check', h('div', { class: 'verity-frame verity-oval' }, video),
      guidance, h('ol', { class: 'verity-dots', 'aria-hidden': 'true' }, dots), h('div', { class: 'verity-actions' }, now));
    this.camera = new Camera(video);
    this.abort = new AbortController();
    try {
      if (!Camera.supported()) {
        throw new VerityError(0, 'camera_unavailable');
      }
      try {
        await this.camera.open('user');
      } catch (e) {
        throw new VerityError(0, 'camera_unavailable', 'The camera is not available');
      }
      const frames = await guidedLiveness(this.camera, challenge, {
        signal: this.abort.signal,
        onGuidance: g => {
          guidance.textContent = g.text;
          section.dataset.phase = `${g.step}:${g.phase}`;
          dots.forEach((d, i) => d.classList.toggle('verity-done', i < g.index || (i === g.index && g.phase === 'taken')));
          now.disabled = !g.takeNow;
          now.onclick = g.takeNow || null;
        },
      });
      this.stop();
      now.disabled = true;
      guidance.textContent = 'Checking…';
      const result = await this.client.processLiveness(frames, await this.where());
      if (result.liveness_detected) {
        this.finalizeStep();
        return;
      }
      this.show(5, 'We could not confirm the selfie check',
        h('p', {}, 'Make sure your whole face is visible and well lit, and follow each instruction.'),
        h('div', { class: 'verity-actions' },
          h('button', { type: 'button', class: 'verity-primary', onclick: () => this.livenessStep() }, 'Try again')));
    } catch (e) {
      this.stop();
      if (!this.fail(e)) {
        now.replaceWith(h('button', { type: 'button', class: 'verity-primary', onclick: () => this.livenessStep() }, 'Try again'));
      }
    }
  }

  finalizeStep() {
    const section = this.show(0, 'Checking your verification…');
    this.act(section, 'Checking…', async () => {
      const result = await this.client.finalize(this.finalizeSettings);
      this.result(result);
      this.onComplete(result);
    });
  }

  result(result) {
    const section = result.verified
      ? this.show(0, 'You are verified', h('p', {}, 'Thank you. You can close this page.'))
      : this.show(0, 'We could not verify you', h('p', {}, 'The service that sent you here will tell you what to do next.'));
    section.dataset.result = result.verified ? 'verified' : 'not_verified';
    this.root.dataset.result = section.dataset.result;
  }

  ended(title, text, state) {
    this.stop();
    const section = this.show(0, title, h('p', {}, text));
    section.dataset.result = state;
    this.root.dataset.result = state;
  }
}

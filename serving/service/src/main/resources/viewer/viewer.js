// The text2pose viewer. Everything about the skeleton comes from the server (/viewer/api/skeleton), and all text
// that a person or the server supplies reaches the page through textContent, never as markup.
'use strict';
(() => {
  const API = '/viewer/api';
  const FRAME_MS = 125;
  const MARGIN = 0.08;
  const $ = (id) => document.getElementById(id);
  const state = { skeleton: null, awaiting: null, arrived: new Map(), timer: null };

  async function getJson(path) {
    const response = await fetch(API + path, { cache: 'no-store' });
    if (!response.ok) throw new Error(path + ' answered ' + response.status);
    return response.json();
  }

  function setStatus(text) { $('status').textContent = text; }

  async function waitUntilReady() {
    const info = await getJson('/info');
    $('model-version').textContent = info.modelVersion;
    $('caption').maxLength = info.limits.maxCaptionChars;
    $('target').maxLength = info.limits.maxCaptionChars;
    $('frames').min = info.limits.minFrames;
    $('frames').max = info.limits.maxFrames;
    if (info.ready) {
      setStatus('reading ' + info.poseTopic);
      $('send').disabled = false;
    } else {
      setStatus('connecting to ' + info.poseTopic + '…');
      setTimeout(waitUntilReady, 1000);
    }
  }

  function row(request) {
    let tr = document.querySelector('tr[data-request-id="' + CSS.escape(request.requestId) + '"]');
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.requestId = request.requestId;
      for (const name of ['caption', 'frames', 'latency', 'model', 'id']) {
        const td = document.createElement('td');
        td.className = name;
        tr.appendChild(td);
      }
      $('recent').prepend(tr);
    }
    const cells = tr.children;
    cells[0].textContent = request.target ? request.caption + ' → ' + request.target : request.caption;
    cells[1].textContent = String(request.frames);
    cells[2].textContent = request.latencyMs === undefined ? '…' : Math.round(request.latencyMs) + ' ms';
    cells[3].textContent = request.modelVersion || '';
    cells[4].textContent = request.requestId.slice(0, 8);
    cells[4].title = request.requestId;
    tr.classList.toggle('pending', request.latencyMs === undefined);
    while ($('recent').children.length > 50) $('recent').lastChild.remove();
  }

  function draw(pose) {
    const canvas = $('pose');
    const g = canvas.getContext('2d');
    const size = Math.min(canvas.width, canvas.height);
    const span = size * (1 - 2 * MARGIN);
    const at = (k) => [size * MARGIN + k[0] * span, size * MARGIN + k[1] * span];
    g.fillStyle = state.skeleton.background;
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.lineCap = 'round';
    g.lineWidth = Math.max(2, size / 40);
    for (const edge of state.skeleton.edges) {
      const a = pose[edge.from];
      const b = pose[edge.to];
      if (!a[3] || !b[3]) continue;
      g.strokeStyle = edge.colour;
      g.beginPath();
      g.moveTo(...at(a));
      g.lineTo(...at(b));
      g.stroke();
    }
    pose.forEach((k, i) => {
      if (!k[3]) return;
      g.fillStyle = state.skeleton.keypoints[i].colour;
      g.beginPath();
      g.arc(...at(k), g.lineWidth * 1.2, 0, 2 * Math.PI);
      g.fill();
    });
  }

  // Plays a sequence forwards and back, so an interpolation moves between its two captions.
  function play(frames) {
    clearInterval(state.timer);
    const order = frames.map((_, i) => i).concat(frames.map((_, i) => i).reverse().slice(1, -1));
    let step = 0;
    const show = () => {
      const i = order[step % order.length];
      draw(frames[i]);
      $('shown-frame').textContent = (i + 1) + ' / ' + frames.length;
      $('pose').dataset.state = 'drawn';
      step += 1;
    };
    show();
    if (frames.length > 1) state.timer = setInterval(show, FRAME_MS);
  }

  function show(answer) {
    $('shown-caption').textContent = answer.target ? answer.caption + ' → ' + answer.target : answer.caption;
    $('shown-request').textContent = answer.requestId;
    $('shown-latency').textContent = Math.round(answer.latencyMs) + ' ms (queue ' + Math.round(answer.queueWaitMs) + ' ms)';
    $('shown-inference').textContent = answer.inferenceMs.toFixed(1) + ' ms';
    $('shown-model').textContent = answer.modelVersion;
    $('model-version').textContent = answer.modelVersion;
    play(answer.poses[0]);
  }

  function onPose(answer) {
    state.arrived.set(answer.requestId, answer);
    if (state.arrived.size > 20) state.arrived.delete(state.arrived.keys().next().value);
    row(answer);
    if (answer.requestId === state.awaiting) show(answer);
  }

  async function onSubmit(event) {
    event.preventDefault();
    $('error').textContent = '';
    const body = { caption: $('caption').value };
    if ($('target').value.trim()) {
      body.target = $('target').value;
      body.frames = Number($('frames').value);
    }
    $('send').disabled = true;
    try {
      const response = await fetch(API + '/captions', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
      });
      const reply = await response.json();
      if (!response.ok) throw new Error(reply.error || ('status ' + response.status));
      state.awaiting = reply.requestId;
      row({ requestId: reply.requestId, caption: body.caption.trim(), target: body.target, frames: body.frames || 1 });
      if (state.arrived.has(reply.requestId)) show(state.arrived.get(reply.requestId));
    } catch (e) {
      $('error').textContent = e.message;
    } finally {
      $('send').disabled = false;
    }
  }

  async function start() {
    state.skeleton = await getJson('/skeleton');
    $('legend-left').style.background = state.skeleton.sides.left;
    $('legend-right').style.background = state.skeleton.sides.right;
    (await getJson('/requests')).forEach(row);
    const poses = new EventSource(API + '/poses');
    poses.addEventListener('pose', (e) => onPose(JSON.parse(e.data)));
    poses.addEventListener('error', () => setStatus('reconnecting…'));
    poses.addEventListener('open', () => waitUntilReady().catch((e) => setStatus(e.message)));
    $('request-form').addEventListener('submit', onSubmit);
  }

  start().catch((e) => setStatus('viewer failed to start: ' + e.message));
})();

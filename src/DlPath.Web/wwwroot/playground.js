// The model playground: upload or draw an image, POST it to /api/predict, show the preview and the top 3.
(function () {
  'use strict';
  const model = document.getElementById('model');
  const file = document.getElementById('file');
  const original = document.getElementById('original');
  const preview = document.getElementById('preview');
  const list = document.getElementById('predictions');
  const error = document.getElementById('error');
  const canvas = document.getElementById('canvas');
  const ctx = canvas.getContext('2d');

  function clearCanvas() {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }

  async function predict(blob, name) {
    error.hidden = true;
    list.replaceChildren();
    const form = new FormData();
    form.append('image', blob, name);
    const response = await fetch('/api/predict?model=' + encodeURIComponent(model.value), { method: 'POST', body: form });
    const body = await response.json();
    if (!response.ok) {
      error.textContent = body.error ? body.error.message : 'error ' + response.status;
      error.hidden = false;
      return;
    }
    preview.src = body.preview;
    preview.hidden = false;
    for (const p of body.predictions) {
      const li = document.createElement('li');
      li.className = 'prediction';
      li.textContent = p.label + ' — ' + (100 * p.probability).toFixed(1) + '%';
      list.appendChild(li);
    }
  }

  file.addEventListener('change', function () {
    const f = file.files[0];
    if (!f) return;
    original.src = URL.createObjectURL(f);
    original.hidden = false;
    predict(f, f.name);
  });

  let drawing = false;
  function point(e) {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height];
  }
  canvas.addEventListener('pointerdown', function (e) {
    drawing = true;
    const [x, y] = point(e);
    ctx.beginPath();
    ctx.moveTo(x, y);
  });
  canvas.addEventListener('pointermove', function (e) {
    if (!drawing) return;
    const [x, y] = point(e);
    ctx.lineWidth = 18;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#000';
    ctx.lineTo(x, y);
    ctx.stroke();
  });
  window.addEventListener('pointerup', function () { drawing = false; });
  document.getElementById('clear').addEventListener('click', clearCanvas);
  document.getElementById('predict-drawing').addEventListener('click', function () {
    canvas.toBlob(function (blob) { predict(blob, 'drawing.png'); }, 'image/png');
  });
  clearCanvas();
})();

// The hosted verification page (GET /verify/{session_id}?client_id=...): the SDK's flow on a page of its own.
// The SDK's pinned version is named by the page (meta verity-sdk), so that this file never repeats it.
const sdk = await import(document.querySelector('meta[name="verity-sdk"]').content);
const root = document.getElementById('verity');
sdk.mount(root, {
  baseUrl: window.location.origin,
  sessionId: root.dataset.sessionId,
  clientId: new URLSearchParams(window.location.search).get('client_id'),
});

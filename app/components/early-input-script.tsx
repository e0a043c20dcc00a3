/**
 * Keeps what is typed into the chat before its JavaScript has loaded: until the chat says it is ready,
 * this inline script records the question box's text and an Enter (without Shift), which the chat then
 * restores and sends (see `use-early-input.ts`). Without it, hydration empties the box and the Enter is lost.
 */
const SCRIPT = `(function(){var w=window;if(w.__k2Early)return;var s=w.__k2Early={text:'',send:false,ready:false};
function box(e){var t=e.target;return !s.ready&&t&&t.id==='chat-input'?t:null}
document.addEventListener('input',function(e){var t=box(e);if(t){s.text=t.value;s.send=false}},true);
document.addEventListener('keydown',function(e){var t=box(e);if(t&&e.key==='Enter'&&!e.shiftKey&&!e.isComposing){e.preventDefault();s.text=t.value;s.send=!!t.value.trim()}},true);})();`;

export function EarlyInputScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}

// The result canvas: the server's image with one selectable box per layer. Dragging, resizing and arrow keys only
// move a box outline here; on release (or Enter) the new box goes to the server, which renders the new version.
const W = 1280;
const H = 720;
const HANDLES = ["nw", "ne", "sw", "se"];

export default {
  template: `
    <div ref="root" class="routix-canvas" :style="rootStyle">
      <img :src="src" :alt="alt" draggable="false" style="width:100%;height:100%;display:block;user-select:none;pointer-events:none">
      <div v-for="(layer, i) in boxes" :key="layer.kind" role="button" tabindex="0"
           :aria-label="layer.label" :aria-pressed="selected === i ? 'true' : 'false'" :title="layer.label"
           :data-kind="layer.kind" :style="layerStyle(layer, i)"
           @pointerdown="down($event, i, 'move')" @dblclick="retype(i)"
           @focus="selected = i" @keydown="key($event, i)">
        <span v-for="h in (selected === i && layer.resizable ? handles : [])" :key="h" :data-handle="h"
              :style="handleStyle(h)" @pointerdown.stop="down($event, i, h)"></span>
      </div>
    </div>`,
  props: { src: String, alt: String, layers: Array, busy: Boolean },
  data() {
    return { boxes: this.copy(this.layers), selected: null, drag: null, handles: HANDLES };
  },
  watch: {
    layers() {
      this.boxes = this.copy(this.layers); // the server's new version: its own boxes
    },
  },
  computed: {
    rootStyle() {
      // only the layer boxes take touches: a finger on the rest of the picture still scrolls the page
      return "position:relative;width:100%;aspect-ratio:16/9;user-select:none;" +
        (this.busy ? "opacity:.7;cursor:progress" : "");
    },
  },
  methods: {
    copy(layers) {
      return (layers || []).map((l) => ({ ...l, box: [...l.box], start: [...l.box] }));
    },
    layerStyle(layer, i) {
      const [x, y, w, h] = layer.box;
      const on = this.selected === i;
      return `position:absolute;left:${(x / W) * 100}%;top:${(y / H) * 100}%;width:${(w / W) * 100}%;` +
        `height:${(h / H) * 100}%;cursor:${layer.movable ? "move" : "pointer"};border-radius:4px;touch-action:none;` +
        `outline:${on ? "3px solid #ffb300" : "2px dashed rgba(255,255,255,.55)"};outline-offset:2px;` +
        `box-shadow:${on ? "0 0 0 5px rgba(0,0,0,.45)" : "none"}`;
    },
    handleStyle(h) {
      const v = h[0] === "n" ? "top:-7px" : "bottom:-7px";
      const s = h[1] === "w" ? "left:-7px" : "right:-7px";
      return `position:absolute;${v};${s};width:14px;height:14px;background:#ffb300;border:2px solid #000;` +
        `border-radius:3px;cursor:${h}-resize;touch-action:none`;
    },
    scale() {
      return W / this.$refs.root.clientWidth;
    },
    down(evt, i, mode) {
      const layer = this.boxes[i];
      this.selected = i;
      if (this.busy || (mode === "move" && !layer.movable)) return;
      evt.preventDefault();
      evt.currentTarget.setPointerCapture?.(evt.pointerId);
      this.drag = { i, mode, x: evt.clientX, y: evt.clientY, box: [...layer.box], k: this.scale() };
      const target = evt.currentTarget;
      const move = (e) => this.moveTo(e);
      const up = (e) => {
        target.removeEventListener("pointermove", move);
        target.removeEventListener("pointerup", up);
        target.removeEventListener("pointercancel", up);
        this.moveTo(e);
        const d = this.drag;
        this.drag = null;
        if (d && e.type === "pointerup") this.commit(d.i, d.mode === "move" ? "move" : "resize");
        else if (d) this.reset(d.i);
      };
      target.addEventListener("pointermove", move);
      target.addEventListener("pointerup", up);
      target.addEventListener("pointercancel", up);
    },
    moveTo(e) {
      const d = this.drag;
      if (!d) return;
      const dx = Math.round((e.clientX - d.x) * d.k);
      const dy = Math.round((e.clientY - d.y) * d.k);
      let [x, y, w, h] = d.box;
      if (d.mode === "move") {
        x += dx;
        y += dy;
      } else {
        if (d.mode.includes("w")) { x += Math.min(dx, w - 40); w -= Math.min(dx, w - 40); }
        if (d.mode.includes("e")) w = Math.max(40, w + dx);
        if (d.mode.includes("n")) { y += Math.min(dy, h - 24); h -= Math.min(dy, h - 24); }
        if (d.mode.includes("s")) h = Math.max(24, h + dy);
      }
      this.boxes[d.i].box = [x, y, w, h];
    },
    changed(i) {
      const l = this.boxes[i];
      return l.box.some((v, k) => v !== l.start[k]);
    },
    reset(i) {
      this.boxes[i].box = [...this.boxes[i].start];
    },
    commit(i, action) {
      if (!this.changed(i)) return;
      const l = this.boxes[i];
      this.$emit("change", { kind: l.kind, action, box: [...l.box], from: [...l.start] });
    },
    retype(i) {
      if (this.boxes[i].editable && !this.busy) this.$emit("change", { kind: this.boxes[i].kind, action: "retype" });
    },
    key(evt, i) {
      const l = this.boxes[i];
      const step = evt.shiftKey ? 40 : 10;
      const arrows = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (arrows[evt.key] && l.movable) {
        evt.preventDefault();
        l.box = [l.box[0] + arrows[evt.key][0], l.box[1] + arrows[evt.key][1], l.box[2], l.box[3]];
      } else if (evt.key === "Enter") {
        evt.preventDefault();
        if (this.changed(i)) this.commit(i, "move");
        else this.retype(i);
      } else if (evt.key === "Escape") {
        this.reset(i);
      } else if ((evt.key === "Delete" || evt.key === "Backspace") && l.removable && !this.busy) {
        evt.preventDefault();
        this.$emit("change", { kind: l.kind, action: "remove" });
      }
    },
  },
};

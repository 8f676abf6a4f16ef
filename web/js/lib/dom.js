// Tiny DOM builder. Everything is created with DOM APIs (no innerHTML, no inline handlers), so it is CSP-safe
// and user data is always text, never markup.

/**
 * Creates an element.
 * props: `class`, `text`, `dataset` {key: value} (null and undefined values are left out), `on` {event: handler}, any other key is an attribute
 * (true → empty attribute, false/null/undefined → omitted). Children: nodes, strings, arrays, null.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

/** Same as `h` for SVG elements. */
export function svg(tag, props = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

function applyProps(element, props) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.setAttribute('class', value);
    else if (key === 'text') element.textContent = String(value);
    else if (key === 'dataset') setData(element, value);
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    else if (key === 'style' || key.startsWith('on')) throw new Error(`h(): "${key}" is not allowed under the CSP`);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
}

function setData(element, values) {
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null) element.dataset[name] = value;
  }
}

/** Appends nodes, strings (as text) and nested arrays; skips null, undefined and false. */
function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let idCounter = 0;

/** A document-unique id for label/aria wiring. */
export function uniqueId(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

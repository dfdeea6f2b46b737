// A minimal fake DOM for the search page's tests: what mountSearch touches, and
// innerHTML, which must never be used.

export class Element {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.children = [];
    this.attributes = {};
    this.listeners = {};
    this.textContent = '';
    this.value = '';
  }
  set innerHTML(_) {
    throw new Error('innerHTML must not be used');
  }
  appendChild(child) {
    this.children.push(child);
    child.parentNode = this;
    return child;
  }
  append(...children) {
    children.forEach((c) => this.appendChild(c));
  }
  replaceChildren(...children) {
    this.children = [];
    this.append(...children);
  }
  insertBefore(node, before) {
    this.children.splice(Math.max(0, this.children.indexOf(before)), 0, node);
    node.parentNode = this;
    return node;
  }
  setAttribute(name, value) {
    this.attributes[name] = String(value);
  }
  addEventListener(type, listener) {
    (this.listeners[type] ||= []).push(listener);
  }
  fire(type) {
    for (const l of this.listeners[type] || []) l({ preventDefault() {} });
  }
  all(tag) {
    const out = [];
    const walk = (e) => {
      for (const c of e.children) {
        if (c.tagName === tag.toUpperCase()) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
}

/** The search page: a form with #search-input, #search-results and, unless
 * `filters` is false, #search-filters; `href` is the page's address. */
export function fakePage(href, { filters = true } = {}) {
  const byId = {};
  const make = (tag, id) => {
    const e = new Element(tag);
    if (id) byId[id] = e;
    return e;
  };
  const body = make('body');
  const form = body.appendChild(make('form'));
  const input = form.appendChild(make('input', 'search-input'));
  input.form = form;
  if (filters) body.appendChild(make('div', 'search-filters'));
  body.appendChild(make('div', 'search-results'));
  return {
    document: {
      getElementById: (id) => byId[id] || null,
      createElement: (tag) => new Element(tag),
      defaultView: { location: { href } },
    },
    byId,
    form,
    input,
  };
}

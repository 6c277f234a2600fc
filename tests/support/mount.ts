import { render } from 'preact';
import { afterEach, beforeEach } from 'vitest';

/**
 * A fresh element in the document for each test of the calling file, where a component is rendered; unmounted and
 * removed after the test.
 */
export function mountPoint(): { readonly element: HTMLElement } {
  let element: HTMLElement | undefined;
  beforeEach(() => {
    element = document.createElement('div');
    document.body.append(element);
  });
  afterEach(() => {
    render(null, element!);
    element!.remove();
  });
  return {
    get element() {
      return element!;
    },
  };
}

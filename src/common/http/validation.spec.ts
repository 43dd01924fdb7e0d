import { MAX_INPUT_DEPTH, unacceptableInput } from './validation';

describe('unacceptableInput', () => {
  it('accepts ordinary values, unicode included', () => {
    expect(
      unacceptableInput({ name: 'Aïssata 😀 مرحبا', tags: ['a', { b: 1 }], n: null }),
    ).toBeNull();
  });

  it('names the field holding a NUL character, in values and in keys', () => {
    expect(unacceptableInput({ terms: [{ text: 'a\u0000b' }] })).toMatchObject({
      field: 'terms.0.text',
      code: 'noNulCharacter',
    });
    expect(unacceptableInput({ 'a\u0000': 1 })).toMatchObject({ code: 'noNulCharacter' });
    expect(unacceptableInput('x\u0000', 'id')).toMatchObject({ field: 'id' });
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unacceptableInput(deep)).toMatchObject({ code: 'maxDepth' });
    let ok: unknown = 'bottom';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) ok = { a: ok };
    expect(unacceptableInput(ok)).toBeNull();
  });
});

// Stands in for the typed value while the message is made; never part of a message or a name.
const MARK = '\u0001';

/**
 * A message with a value the user typed inside it ("สร้างบัญชี district3801 แล้ว"): the words in
 * the screen's digit style, the value as typed (data-digits="as-typed"), wherever the language
 * puts it in the sentence.
 */
export function TypedInMessage({ message, value }: { message: (value: string) => string; value: string }) {
  const [before, after = ''] = message(MARK).split(MARK);
  return (
    <>
      {before}
      <span data-digits="as-typed">{value}</span>
      {after}
    </>
  );
}

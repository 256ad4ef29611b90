/**
 * Text from input files printed to a terminal. Headers, names and values come from files
 * the user did not necessarily write: a control character could move the cursor or
 * recolour the terminal, and a whole file read as one header would flood it. So every
 * such string is made one line, control characters are shown escaped, and length is capped.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function cleanText(s: string, max = 400): string {
  let out = s.replace(/\r\n|\r|\n/g, '↵').replace(/\t/g, ' ');
  out = out.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff
      ? `\\u${code.toString(16).padStart(4, '0')}`
      : `\\x${code.toString(16).padStart(2, '0')}`;
  });
  if (out.length > max) {
    out = `${out.slice(0, max)}… (${(out.length - max).toLocaleString('en-US')} more characters)`;
  }
  return out;
}

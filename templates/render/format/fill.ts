/**
 * Fills `{name}` placeholders of a template string; an unknown placeholder stays visible so a typo
 * in a strings file shows up in the report instead of vanishing.
 *
 * @example fill('第 {x} 页 / 共 {y} 页', { x: 1, y: 4 }) // → '第 1 页 / 共 4 页'
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = values[name];
    return v === undefined ? whole : String(v);
  });
}

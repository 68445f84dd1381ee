/**
 * Placeholders in script texts: `{name}`, `{orderNumber}`, `{product}`… filled once per call.
 *
 * Values are drawn when a walk starts, from a faker instance created for that walk and
 * seeded from the walk's seed, so the same seed gives the same caller, and nothing is
 * shared between walks (no global faker state). Every value is drawn in a fixed order
 * whatever the script uses, so adding a placeholder to one line does not change the others.
 * `{{` and `}}` write literal braces.
 */
import type { Faker } from '@faker-js/faker';
import { faker as englishFaker } from '@faker-js/faker/locale/en';
import { faker as italianFaker } from '@faker-js/faker/locale/it';
import type { CallScript, Language, Text } from './schema.ts';

/** Built-in placeholders and what they hold. */
export const BUILT_IN_PLACEHOLDERS = {
  name: "the caller's first name",
  surname: "the caller's surname",
  fullName: "the caller's first name and surname",
  orderNumber: 'a 6-digit order number',
  product: 'a product of a home-furnishing shop (e.g. "divano letto" / "sofa bed")',
  phone: "the caller's phone number",
  email: "the caller's e-mail address",
} as const satisfies Record<string, string>;

export type BuiltInPlaceholder = keyof typeof BUILT_IN_PLACEHOLDERS;

/** Products for `{product}`: faker has no Italian product names, so the list is ours, index-aligned. */
const PRODUCTS: Record<Language, readonly string[]> = {
  it: ['divano letto', 'armadio a due ante', 'libreria', 'tavolo allungabile', 'letto matrimoniale', 'cassettiera', 'poltrona relax', 'scrivania', 'mobile TV', 'set di sedie'],
  en: ['sofa bed', 'two-door wardrobe', 'bookcase', 'extending table', 'double bed', 'chest of drawers', 'recliner armchair', 'desk', 'TV stand', 'set of chairs'],
};

/** `{key}` in a text; `{{`/`}}` are escapes, matched first so they are not read as placeholders. */
const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z0-9][A-Za-z0-9_-]*)\}/g;

/** The placeholder names a text uses, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) if (match[1] !== undefined) names.push(match[1]);
  return names;
}

/** Replaces placeholders with their values; unknown ones are left as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (name === undefined) return whole[0]!;
    return Object.hasOwn(values, name) ? values[name]! : whole;
  });
}

/** Every text of a script with its path, for lint and for rendering. */
export function scriptTexts(script: CallScript): Array<{ path: (string | number)[]; text: Text }> {
  const texts: Array<{ path: (string | number)[]; text: Text }> = [{ path: ['title'], text: script.title }];
  if (script.description !== undefined) texts.push({ path: ['description'], text: script.description });
  script.nodes.forEach((node, n) => {
    if (node.title !== undefined) texts.push({ path: ['nodes', n, 'title'], text: node.title });
    node.lines.forEach((line, l) => texts.push({ path: ['nodes', n, 'lines', l], text: line }));
    node.options.forEach((option, o) => texts.push({ path: ['nodes', n, 'options', o, 'text'], text: option.text }));
    if (node.fallback?.line !== undefined) texts.push({ path: ['nodes', n, 'fallback', 'line'], text: node.fallback.line });
    if (node.timeout?.line !== undefined) texts.push({ path: ['nodes', n, 'timeout', 'line'], text: node.timeout.line });
  });
  return texts;
}

/**
 * Faker's class, taken from a per-locale module: importing '@faker-js/faker' itself loads all
 * of its ~70 locales (37 MB and ~1 s at start-up, measured), and the simulator imports the
 * walker. The locale modules' definitions are Italian → English → base and English → base,
 * the same fallbacks as before, so every seed draws the same values.
 */
const FakerClass = italianFaker.constructor as typeof Faker;

/**
 * Draws a value for every built-in and custom placeholder, for one call in one language.
 * Custom pools override built-ins of the same name.
 */
export function drawPlaceholders(script: Pick<CallScript, 'placeholders'>, language: Language, seed: number): Record<string, string> {
  const faker = new FakerClass({ locale: (language === 'it' ? italianFaker : englishFaker).rawDefinitions });
  faker.seed(seed);
  const name = faker.person.firstName();
  const surname = faker.person.lastName();
  const values: Record<string, string> = {
    name,
    surname,
    fullName: `${name} ${surname}`,
    orderNumber: faker.string.numeric({ length: 6, allowLeadingZeros: false }),
    product: faker.helpers.arrayElement(PRODUCTS[language]),
    phone: faker.phone.number({ style: 'national' }),
    email: faker.internet.email({ firstName: name, lastName: surname }).toLowerCase(),
  };
  const pools = script.placeholders ?? {};
  for (const key of Object.keys(pools).sort()) {
    const pool = pools[key]!;
    const list = Array.isArray(pool) ? pool : (pool[language] ?? pool.it ?? pool.en ?? []);
    if (list.length > 0) values[key] = faker.helpers.arrayElement(list);
  }
  return values;
}

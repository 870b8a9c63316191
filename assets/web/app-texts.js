/* The participant page's texts, and the formats of its numbers.
 *
 * An ES module of the participant page (app.js). The texts come from the application's catalogues
 * (assets/i18n/<lang>/web.json), which the server writes into the page in the room's language.
 */

import { PageTexts } from "./common.js";

export const texts = new PageTexts("web");

export function t(key, params) {
  return texts.t(key, params);
}

export const numbers = {
  format: (value) => new Intl.NumberFormat(texts.lang, { maximumFractionDigits: 1 }).format(value),
};

export function percent(share) {
  return new Intl.NumberFormat(texts.lang, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

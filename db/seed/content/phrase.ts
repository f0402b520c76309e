/** A piece of text in both of the portal's languages. */
export interface Phrase {
	zh: string;
	en: string;
}

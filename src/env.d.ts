/// <reference types="astro/client" />

declare namespace App {
	interface Locals {
		/** The instant this request is rendered at: one clock reading for the whole page. */
		now: Date;
	}
}

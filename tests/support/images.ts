import sharp from 'sharp';

/** A marker written into the GPS EXIF of `makePhoto({ gps: true })`, to look for in what is served. */
export const GPS_MARKER = 'LIVEFEST-GPS-MARK';

/**
 * A small photo as a phone would send it: a JPEG (or PNG) of plain colour with a stripe, optionally
 * carrying camera EXIF and a GPS position (whose map datum is GPS_MARKER, so a test can search the
 * bytes for it).
 */
export async function makePhoto(
	options: {
		width?: number;
		height?: number;
		format?: 'jpeg' | 'png';
		gps?: boolean;
		colour?: string;
	} = {},
): Promise<Buffer> {
	const { width = 800, height = 600, format = 'jpeg', gps = false, colour = '#b3122a' } = options;
	const stripe = await sharp({
		create: {
			width,
			height: Math.max(1, Math.round(height / 5)),
			channels: 3,
			background: '#ffffff',
		},
	})
		.png()
		.toBuffer();
	let image = sharp({ create: { width, height, channels: 3, background: colour } }).composite([
		{ input: stripe, top: Math.round(height / 2), left: 0 },
	]);
	image = format === 'png' ? image.png() : image.jpeg({ quality: 85 });
	if (gps) {
		image = image.withExif({
			IFD0: { Make: 'LivefestCam', Model: 'Phone 1' },
			IFD3: {
				GPSMapDatum: GPS_MARKER,
				GPSLatitudeRef: 'N',
				GPSLatitude: '23/1 7/1 0/1',
				GPSLongitudeRef: 'E',
				GPSLongitude: '113/1 19/1 0/1',
			},
		});
	}
	return image.toBuffer();
}

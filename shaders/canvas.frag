#version 450
// The image canvas: the image (or a grid atlas) placed by `target`, sampled nearest or bilinear, with the grid
// cells' outlines, the hover highlight and an optional colour-mapped difference against a reference image.
// Mirrors ImageCanvas's QPainter drawing pixel for pixel (nearest) so either renderer shows the same picture.

layout(std140, binding = 0) uniform Params {
  vec4 target;      // image rectangle on screen: x, y, width, height (pixels)
  vec4 background;  // outside the image
  vec4 highlight;   // hover outline
  ivec4 grid;       // columns, rows, padding, hovered cell (-1: none)
  vec4 options;     // smooth (0/1), difference opacity (0-1), has reference (0/1), unused
  vec4 outline[256];  // per grid cell: outline colour, alpha 0 for none
} params;

layout(binding = 1) uniform sampler2D image;
layout(binding = 2) uniform sampler2D reference;

layout(location = 0) out vec4 colour;

// The texel at integer coordinates, clamped to the edge (as QPainter treats the image border).
vec4 texel(sampler2D tex, ivec2 at) {
  return texelFetch(tex, clamp(at, ivec2(0), textureSize(tex, 0) - 1), 0);
}

vec4 sampleAt(sampler2D tex, vec2 source) {
  if (params.options.x < 0.5) return texel(tex, ivec2(floor(source)));
  // Bilinear between the four nearest texel centres.
  const vec2 p = source - 0.5;
  const ivec2 base = ivec2(floor(p));
  const vec2 f = p - floor(p);
  const vec4 top = mix(texel(tex, base), texel(tex, base + ivec2(1, 0)), f.x);
  const vec4 bottom = mix(texel(tex, base + ivec2(0, 1)), texel(tex, base + ivec2(1, 1)), f.x);
  return mix(top, bottom, f.y);
}

// A perceptual dark-to-bright ramp (black, purple, orange, yellow) for the difference heat map.
vec3 heat(float t) {
  const vec3 c0 = vec3(0.0, 0.0, 0.02), c1 = vec3(0.45, 0.07, 0.55), c2 = vec3(0.98, 0.45, 0.12);
  const vec3 c3 = vec3(1.0, 1.0, 0.65);
  if (t < 1.0 / 3.0) return mix(c0, c1, t * 3.0);
  if (t < 2.0 / 3.0) return mix(c1, c2, t * 3.0 - 1.0);
  return mix(c2, c3, t * 3.0 - 2.0);
}

// Screen rectangle (x0, y0, x1, y1) of grid cell `cell`, without its padding.
vec4 cellRect(int cell, vec2 size, float scale) {
  const int columns = params.grid.x, rows = params.grid.y;
  const float padding = float(params.grid.z);
  const vec2 cell_size = vec2((size.x - padding) / float(columns), (size.y - padding) / float(rows));
  const vec2 origin = params.target.xy + (padding + vec2(cell % columns, cell / columns) * cell_size) * scale;
  return vec4(origin, origin + (cell_size - padding) * scale);
}

// Distance from `p` to the nearest edge of `r`, positive inside.
float insideBy(vec2 p, vec4 r) {
  return min(min(p.x - r.x, r.z - p.x), min(p.y - r.y, r.w - p.y));
}

void main() {
  const vec2 p = gl_FragCoord.xy;  // pixel centre, origin at the top left
  const vec2 size = vec2(textureSize(image, 0));
  const float scale = params.target.z / size.x;
  const vec2 source = (p - params.target.xy) / scale;
  const bool on_image = all(greaterThanEqual(source, vec2(0.0))) && all(lessThan(source, size));
  colour = params.background;
  if (on_image) {
    colour = vec4(sampleAt(image, source).rgb, 1.0);
    if (params.options.z > 0.5 && params.options.y > 0.0) {
      const vec3 d = abs(colour.rgb - sampleAt(reference, source).rgb);
      const float amount = clamp(max(d.r, max(d.g, d.b)) * 2.0, 0.0, 1.0);
      colour.rgb = mix(colour.rgb, heat(amount), params.options.y);
    }
  }
  const int columns = params.grid.x, rows = params.grid.y;
  if (columns <= 0 || rows <= 0) return;
  // Near-duplicate outlines: a 3 px band just inside the cell.
  if (on_image) {
    const float padding = float(params.grid.z);
    const vec2 cell_size = vec2((size.x - padding) / float(columns), (size.y - padding) / float(rows));
    const ivec2 at = clamp(ivec2(floor((source - padding / 2.0) / cell_size)), ivec2(0), ivec2(columns - 1, rows - 1));
    const int cell = at.y * columns + at.x;
    const vec4 line = cell < 256 ? params.outline[cell] : vec4(0.0);
    const float inside = insideBy(p, cellRect(cell, size, scale));
    if (line.a > 0.0 && inside >= 0.0 && inside < 3.0) colour = vec4(line.rgb, 1.0);
  }
  // Hover: a 2 px band centred on the cell's edge.
  const int hover = params.grid.w;
  if (hover >= 0 && hover < columns * rows && abs(insideBy(p, cellRect(hover, size, scale))) < 1.0)
    colour = params.highlight;
}

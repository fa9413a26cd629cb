//! Scenes as SVG text, through plotters' `SVGBackend`: the native path used by tests,
//! the CLI and exports. Same scene, same renderer as the canvas.

use crate::error::Error;
use crate::render::{draw, RenderOptions, TextConvention};
use crate::scene::Scene;
use plotters::prelude::SVGBackend;

/// Renders `scene` to an SVG document of the scene's CSS size.
pub fn to_svg(scene: &Scene) -> Result<String, Error> {
    let mut out = String::new();
    {
        let size = (scene.width.ceil() as u32, scene.height.ceil() as u32);
        let mut backend = SVGBackend::with_string(&mut out, size);
        draw(
            &mut backend,
            scene,
            &RenderOptions {
                scale: 1.0,
                text: TextConvention::PlottersSvg,
            },
        )?;
    }
    Ok(out)
}

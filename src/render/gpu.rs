//! Headless drawing of egui frames with wgpu (on a machine without GPU or
//! display, Mesa's software Vulkan, lavapipe): the same renderer the window
//! uses, so an exported frame is what the screen shows.
use std::iter::once;
use std::sync::Arc;
use std::time::Duration;

use egui_wgpu::{RenderState, ScreenDescriptor, wgpu};
use image::RgbaImage;

/// How long to wait for the GPU (a software one can be slow).
const WAIT: Duration = Duration::from_secs(30);

/// A headless wgpu renderer for egui output.
pub struct GpuRenderer {
    state: RenderState,
}

/// The wgpu setup: no window; prefer a software adapter (repeatable
/// pixels), else any.
fn setup() -> egui_wgpu::WgpuSetup {
    let mut setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
    setup
        .instance_descriptor
        .backends
        .remove(wgpu::Backends::BROWSER_WEBGPU);
    setup.native_adapter_selector = Some(Arc::new(|adapters, _surface| {
        let mut list: Vec<&wgpu::Adapter> = adapters.iter().collect();
        list.sort_by_key(|a| match a.get_info().device_type {
            wgpu::DeviceType::Cpu => 0,
            wgpu::DeviceType::DiscreteGpu => 1,
            _ => 2,
        });
        list.first()
            .map(|a| (*a).clone())
            .ok_or_else(|| "no graphics adapter found".to_owned())
    }));
    egui_wgpu::WgpuSetup::CreateNew(setup)
}

impl GpuRenderer {
    /// Opens a graphics device, or says why not (e.g. no Vulkan/GL driver:
    /// install Mesa's `mesa-vulkan-drivers`).
    pub fn new() -> Result<Self, String> {
        let setup = setup();
        let instance = pollster::block_on(setup.new_instance());
        let config = egui_wgpu::WgpuConfiguration {
            wgpu_setup: setup,
            ..Default::default()
        };
        let state = pollster::block_on(RenderState::create(
            &config,
            &instance,
            None,
            egui_wgpu::RendererOptions::PREDICTABLE,
        ))
        .map_err(|e| {
            format!("cannot open a graphics device for headless rendering ({e}); on Linux install mesa-vulkan-drivers")
        })?;
        Ok(GpuRenderer { state })
    }

    /// Uploads and frees the textures a frame asks for.
    pub fn update_textures(&mut self, delta: &mut egui::TexturesDelta) {
        let mut renderer = self.state.renderer.write();
        for (id, images) in delta.set.drain() {
            for image in images {
                renderer.update_texture(&self.state.device, &self.state.queue, id, &image);
            }
        }
        for id in delta.free.drain() {
            renderer.free_texture(&id);
        }
    }

    /// Draws a frame's tessellated shapes into an image of `size_px`.
    pub fn render(
        &mut self,
        tessellated: &[egui::ClippedPrimitive],
        ppp: f32,
        size_px: [u32; 2],
    ) -> Result<RgbaImage, String> {
        let screen = ScreenDescriptor {
            pixels_per_point: ppp,
            size_in_pixels: size_px,
        };
        let device = &self.state.device;
        let queue = &self.state.queue;
        let mut renderer = self.state.renderer.write();
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("export"),
        });
        let user_buffers = renderer.update_buffers(device, queue, &mut encoder, tessellated, &screen);
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("export frame"),
            size: wgpu::Extent3d {
                width: size_px[0],
                height: size_px[1],
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: self.state.target_format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("export pass"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color::WHITE),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            renderer.render(&mut pass, tessellated, &screen);
        }
        queue.submit(user_buffers.into_iter().chain(once(encoder.finish())));
        drop(renderer);
        self.read_back(&texture)
    }

    /// Copies a texture into an RGBA image.
    fn read_back(&self, texture: &wgpu::Texture) -> Result<RgbaImage, String> {
        let (w, h) = (texture.width(), texture.height());
        let unpadded = w as usize * 4;
        let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
        let padded = unpadded.div_ceil(align) * align;
        let device = &self.state.device;
        let buffer = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("export read-back"),
            size: (padded * h as usize) as u64,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("read-back"),
        });
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(u32::try_from(padded).map_err(|e| e.to_string())?),
                    rows_per_image: None,
                },
            },
            wgpu::Extent3d {
                width: w,
                height: h,
                depth_or_array_layers: 1,
            },
        );
        let submission = self.state.queue.submit(once(encoder.finish()));
        let slice = buffer.slice(..);
        let (tx, rx) = std::sync::mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |r| drop(tx.send(r)));
        device
            .poll(wgpu::PollType::Wait {
                submission_index: Some(submission),
                timeout: Some(WAIT),
            })
            .map_err(|e| format!("the graphics device did not finish: {e}"))?;
        rx.recv()
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("cannot read the frame back: {e}"))?;
        let data = slice
            .get_mapped_range()
            .map_err(|e| format!("cannot read the frame back: {e}"))?;
        let mut pixels = Vec::with_capacity(unpadded * h as usize);
        for row in data.chunks_exact(padded) {
            pixels.extend_from_slice(&row[..unpadded]);
        }
        // Some targets are BGRA: swap to RGBA.
        if matches!(
            self.state.target_format,
            wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Bgra8UnormSrgb
        ) {
            for px in pixels.chunks_exact_mut(4) {
                px.swap(0, 2);
            }
        }
        RgbaImage::from_raw(w, h, pixels).ok_or_else(|| "frame buffer of the wrong size".to_string())
    }
}

"use client";
// An image item's picture, fit to the screen by default (whole picture in view, on a phone too),
// with zoom: + and − step through 100%, 200% and 400% of the picture's own size (the frame
// scrolls, so any part can be brought into view), clicking toggles fit and 200%. Pinch-zoom works
// on phones as on any page.
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { keyBelongsToFocus } from "@/components/labeling/review-keys";

const STEPS = [0, 1, 2, 4]; // 0: fit

export function ImageView({ src, width, height, alt }: { src: string; width: number; height: number; alt: string }) {
  const [step, setStep] = useState(0);
  const zoom = STEPS[step];
  // A new picture starts fit to the screen.
  const [shown, setShown] = useState(src);
  if (shown !== src) {
    setShown(src);
    setStep(0);
  }
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (keyBelongsToFocus(e)) return;
      if (e.key === "+" || e.key === "=") setStep((s) => Math.min(STEPS.length - 1, s + 1));
      else if (e.key === "-" || e.key === "_") setStep((s) => Math.max(0, s - 1));
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <figure className="space-y-2" data-testid="review-image">
      <div className="flex max-h-[70vh] items-center justify-center overflow-auto rounded-md bg-slate-100" data-zoom={zoom || "fit"}>
        {/* eslint-disable-next-line @next/next/no-img-element -- a member-only picture served by the API, not a static asset next/image could optimise */}
        <img
          src={src}
          alt={alt}
          width={width}
          height={height}
          onClick={() => setStep((s) => (s === 0 ? 2 : 0))}
          // Fit: as large as the frame allows, small pictures scaled up too (a 96 px thumbnail is hard to judge at its size).
          className={zoom ? "max-w-none cursor-zoom-out" : "max-h-[70vh] w-full cursor-zoom-in object-contain"}
          style={zoom ? { width: width * zoom, height: height * zoom } : undefined}
        />
      </div>
      <figcaption className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <span>
          {width} × {height} px · {zoom ? `${zoom * 100}%` : "fit to screen"}
          <span className="pointer-coarse:hidden">
            {" "}
            · <kbd className="font-mono">+</kbd> / <kbd className="font-mono">−</kbd> to zoom
          </span>
        </span>
        <span className="ml-auto flex gap-1">
          <Button size="sm" variant="secondary" aria-label="Zoom out" onClick={() => setStep((s) => Math.max(0, s - 1))} disabled={step === 0}>
            −
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setStep(0)} disabled={step === 0}>
            Fit
          </Button>
          <Button
            size="sm"
            variant="secondary"
            aria-label="Zoom in"
            onClick={() => setStep((s) => Math.min(STEPS.length - 1, s + 1))}
            disabled={step === STEPS.length - 1}
          >
            +
          </Button>
        </span>
      </figcaption>
    </figure>
  );
}

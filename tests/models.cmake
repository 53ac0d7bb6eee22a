# Models: DCGAN networks, the fast transposed convolution, spectral norm, minibatch std, losses and penalties.
ganscope_gtest(models_networks_test LABELS unit SOURCES
  models/networks_test.cpp
  models/layers_test.cpp
  models/frozen_dcgan_test.cpp
  models/single_image_conv_test.cpp
  models/few_channel_conv_test.cpp)
ganscope_gtest(models_losses_test LABELS unit SOURCES
  models/losses_test.cpp)
ganscope_gtest(models_style_test LABELS unit SOURCES models/style_model_test.cpp)
# Class-conditional networks: conditional BatchNorm, the style class embedding, the projection discriminator.
ganscope_gtest(models_conditional_test LABELS unit SOURCES models/conditional_model_test.cpp)
# pix2pix networks: U-Net shapes and skips, PatchGAN output grid and receptive field.
ganscope_gtest(models_pix2pix_test LABELS unit SOURCES models/pix2pix_model_test.cpp)
# CycleGAN networks: ResNet generator, InstanceNorm PatchGAN, least-squares loss, image pool.
ganscope_gtest(models_cyclegan_test LABELS unit SOURCES models/cyclegan_model_test.cpp)
